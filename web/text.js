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
    stepOf: (n, total) => `第 ${n} 步，共 ${total} 步`, // the step's title follows as its heading
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
    // The result's first screen, where to go, share and print (issue 9).
    goFirst: "先去：",
    callHotline: "可拨打",
    hotlineWhat: (name, hours) => `（${name}，${hours}）`,
    notOnRecordShort: "联系方式尚未录入本网站",
    phone: "电话",
    address: "地址",
    hours: "办公时间",
    website: "网站",
    bring: "需要带的材料",
    contactSource: (source) => `联系方式来源：${source}`,
    hotlineSources: "热线号码的来源",
    wherePlaces: (n) => `去哪里办：按顺序，共 ${n} 处`,
    quoted: (zh) => `（方案原文：“${zh}”）`,
    terms: "词语解释",
    reasonsAbove: "依据的回答已在上面的措施中列出。",
    shareResult: "分享结果",
    shareTitle: "包头市困难职工政策自测结果",
    copied: "链接已复制，可以粘贴发给您信任的人。",
    copyFailed: "请长按或选中上面的链接复制。",
    printWhere: "去哪里办（按顺序）",
    printAnswers: "您的回答",
    pageAddress: "网址",
    colon: "：",
    inBrackets: (text) => `（${text}）`,
    linkOtherVersion:
      "这个分享链接来自本页的另一个版本，无法读出其中的回答。请让对方重新生成链接，或者直接回答下面的问题。",
    linkBroken: "这个分享链接不完整或已损坏，无法读出其中的回答。请让对方重新发送，或者直接回答下面的问题。",
    // Steps, "Change" and clearing (issue 10)
    backToSummary: "返回核对回答",
    clearQuestion: "确定要清除全部回答吗？表单、结果和本浏览器中保存的回答都会被删除，无法恢复。",
    clearYes: "清除",
    clearNo: "不清除",
    toCheckTitle: "还需要核对的事",
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
    stepOf: (n, total) => `Step ${n} of ${total}`,
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
    // The result's first screen, where to go, share and print (issue 9).
    goFirst: "Go here first:",
    callHotline: "Call",
    hotlineWhat: (name, hours) => `(${name}, ${hours})`,
    notOnRecordShort: "Contact details not yet on this site",
    phone: "Phone",
    address: "Address",
    hours: "Opening hours",
    website: "Website",
    bring: "What to bring",
    contactSource: (source) => `Source of these details: ${source}`,
    hotlineSources: "Where the hotline numbers come from",
    wherePlaces: (n) => `Where to go, in order (${n} ${n === 1 ? "place" : "places"})`,
    quoted: (zh, en) => `(the plan: “${en}”, ${zh})`,
    terms: "What the words mean",
    reasonsAbove: "The answers this rests on are listed under a measure above.",
    shareResult: "Share the result",
    shareTitle: "Baotou workers in hardship: self-assessment result",
    copied: "Link copied: paste it to send it to someone you trust.",
    copyFailed: "Select the link above to copy it.",
    printWhere: "Where to go, in order",
    printAnswers: "Your answers",
    pageAddress: "Page",
    colon: ": ",
    inBrackets: (text) => `(${text})`,
    linkOtherVersion:
      "This share link comes from another version of this page, so its answers cannot be read. " +
      "Ask for a new link, or answer the questions below.",
    linkBroken:
      "This share link is incomplete or damaged, so its answers cannot be read. " +
      "Ask for it again, or answer the questions below.",
    // Steps, "Change" and clearing (issue 10)
    backToSummary: "Back to check answers",
    clearQuestion:
      "Clear all your answers? The form, the result and any answers saved in this browser are deleted and cannot be recovered.",
    clearYes: "Clear them",
    clearNo: "Keep them",
    toCheckTitle: "What to check",
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
