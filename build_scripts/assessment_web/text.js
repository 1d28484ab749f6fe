// The page's own words in both languages, and a small DOM builder.
// Policy text (clauses, measures, departments) never lives here: it comes from
// the assessor's JSON, which comes from the data.

export const UI = {
  zh: {
    loading: ["正在下载计算程序…", "正在启动计算程序…", "正在载入评估规则…"],
    downloaded: (done, total) => `${megabytes(done)} / ${megabytes(total)} MB 已下载`,
    loadingNote: "计算程序在您的浏览器中运行。加载期间您可以先填写问题。",
    ready: "计算程序已就绪。",
    failed: "计算程序未能在此浏览器中加载，因此暂时无法给出结果。请检查网络连接后重试。您的回答仍保留在表单中。",
    retry: "重试",
    waiting: "正在等待计算程序就绪，结果稍后显示…",
    notReady: "计算程序尚未加载成功，因此暂时无法给出结果。",
    stepOf: (n, total, title) => `第 ${n} 步，共 ${total} 步：${title}`,
    next: "下一步",
    toSummary: "核对回答",
    seeResult: "查看结果",
    change: "修改",
    changeWhat: (label) => `：${label}`, // read after "修改" by screen readers
    notAnswered: "未回答",
    yes: "是",
    no: "否",
    none: "无",
    enterNumber: "请输入一个数字。",
    fixErrors: "请先更正下列问题：",
    resultTitle: "自测结果",
    mayApply: "可能适用的措施",
    noneApply: "根据您的回答，七项措施目前都不适用。",
    measure: (n) => `措施${n}`,
    lead: "牵头部门",
    cooperating: "配合部门",
    support: "可能获得的帮扶",
    reasons: "依据您的回答",
    clause: (label) => `方案原文 ${label}`,
    fullText: (label) => `在全文中查看 ${label}`,
    measurePage: "措施详情",
    others: "其他措施：在什么情况下可能适用",
    standing: "家庭收入与低保标准",
    perCapita: "家庭人均月收入",
    standardUsed: "所用低保标准",
    standardSource: "来源",
    standardFrom: "起始日期",
    userSet: "（由您设置）",
    yuan: "元",
    changeStandard: "如知道包头市现行低保标准，可改用该数字重新计算（元/人/月）：",
    recalc: "重新计算",
    resetStandard: "恢复默认标准",
    nextSteps: "下一步怎么做",
    outOfScope: "本方案不适用于您的情况",
    whereElse: "您可以联系",
    editAnswers: "修改回答",
    print: "打印摘要",
    toolsTitle: "您的回答与隐私",
    consent: "在本浏览器中保存我的回答（只保存在这台设备上，可随时清除）",
    share: "生成分享链接",
    shareNote: "回答只写在链接的“#”之后；浏览器不会把“#”后面的内容发送给网站。持有此链接的人都能看到您的回答。",
    shareLabel: "分享链接",
    clear: "清除我的回答",
    cleared: "您的回答已全部清除。",
    printedOn: (date) => `自测日期：${date}`,
  },
  en: {
    loading: ["Downloading the calculator…", "Starting the calculator…", "Loading the rules…"],
    downloaded: (done, total) => `${megabytes(done)} / ${megabytes(total)} MB downloaded`,
    loadingNote: "The calculator runs in your browser. You can start answering while it loads.",
    ready: "The calculator is ready.",
    failed:
      "The calculator could not load in this browser, so no result can be given yet. " +
      "Check your connection and try again. Your answers are still in the form.",
    retry: "Try again",
    waiting: "Waiting for the calculator to be ready; your result will appear shortly…",
    notReady: "The calculator has not loaded, so no result can be given yet.",
    stepOf: (n, total, title) => `Step ${n} of ${total}: ${title}`,
    next: "Next",
    toSummary: "Check answers",
    seeResult: "See the result",
    change: "Change",
    changeWhat: (label) => `: ${label}`,
    notAnswered: "Not answered",
    yes: "Yes",
    no: "No",
    none: "None",
    enterNumber: "Enter a number.",
    fixErrors: "Please correct these first:",
    resultTitle: "Your result",
    mayApply: "Measures that may apply",
    noneApply: "From your answers, none of the seven measures applies at present.",
    measure: (n) => `Measure ${n}`,
    lead: "Lead department",
    cooperating: "Co-operating departments",
    support: "Support you may receive",
    reasons: "Based on your answers",
    clause: (label) => `The plan's text, ${label}`,
    fullText: (label) => `Read ${label} in the full text`,
    measurePage: "About this measure",
    others: "Other measures: when they might apply",
    standing: "Household income and the dibao standard",
    perCapita: "Household income per person per month",
    standardUsed: "Dibao standard used",
    standardSource: "Source",
    standardFrom: "In force from",
    userSet: " (set by you)",
    yuan: "yuan",
    changeStandard:
      "If you know Baotou's current dibao standard, recalculate with it (yuan per person per month):",
    recalc: "Recalculate",
    resetStandard: "Use the default standard",
    nextSteps: "What to do next",
    outOfScope: "This plan does not cover your situation",
    whereElse: "Where you can turn",
    editAnswers: "Change my answers",
    print: "Print a summary",
    toolsTitle: "Your answers and your privacy",
    consent: "Save my answers in this browser (kept on this device only; you can clear them at any time)",
    share: "Make a share link",
    shareNote:
      "The answers are written after the “#” of the link only; browsers never send that part to the website. " +
      "Anyone with the link can see your answers.",
    shareLabel: "Share link",
    clear: "Clear my answers",
    cleared: "All your answers have been cleared.",
    printedOn: (date) => `Self-assessment of ${date}`,
  },
};

/** Bytes as megabytes with one decimal ("2.1"). */
function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/** el("p", {class: "x"}, "text", child…): attributes are set as attributes, text as text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
