// Which questions are asked: the Condition language of assessor/API.md.
//
// The assessor applies the same rule in Python (assessor/questions.py,
// `is_asked`); tests/test_condition_parity.py checks that both agree.
// No DOM here, so Node can import this module.

/** The question ids a condition names, anywhere inside it. */
function refersTo(condition, into = new Set()) {
  if ("all" in condition) condition.all.forEach((c) => refersTo(c, into));
  else if ("any" in condition) condition.any.forEach((c) => refersTo(c, into));
  else if ("not" in condition) refersTo(condition.not, into);
  else into.add(condition.q);
  return into;
}

/** Does `condition` hold? Every question it names must be answered (see isAsked). */
function holds(condition, answers) {
  if ("all" in condition) return condition.all.every((c) => holds(c, answers));
  if ("any" in condition) return condition.any.some((c) => holds(c, answers));
  if ("not" in condition) return !holds(condition.not, answers);
  const value = answers[condition.q];
  // Several operators beside one q must all hold.
  if ("is" in condition && value !== condition.is) return false;
  if ("in" in condition) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.some((v) => condition.in.includes(v))) return false;
  }
  if ("min" in condition && !(value >= condition.min)) return false;
  if ("max" in condition && !(value <= condition.max)) return false;
  return true;
}

/** Is the question asked, given the answers so far? A condition naming an unanswered question does not hold. */
function isAsked(question, answers) {
  if (question.when === null || question.when === undefined) return true;
  for (const id of refersTo(question.when)) if (!(id in answers)) return false;
  return holds(question.when, answers);
}

/**
 * The ids of the questions that are asked, in order. A question's answer only
 * counts for later conditions if that question is itself asked.
 */
export function askedQuestions(questions, answers) {
  const counted = {};
  const asked = [];
  for (const question of questions) {
    if (!isAsked(question, counted)) continue;
    asked.push(question.id);
    if (question.id in answers) counted[question.id] = answers[question.id];
  }
  return asked;
}

/**
 * Does `condition` hold: true, false, or null while it names a question that is
 * still open (not answered yet, but it may be asked)? Three-valued, like SQL.
 */
function mayHold(condition, answers, open) {
  if ("all" in condition || "any" in condition) {
    const all = "all" in condition;
    let outcome = all;
    for (const part of all ? condition.all : condition.any) {
      const value = mayHold(part, answers, open);
      if (value === !all) return !all;
      if (value === null) outcome = null;
    }
    return outcome;
  }
  if ("not" in condition) {
    const value = mayHold(condition.not, answers, open);
    return value === null ? null : !value;
  }
  if (!(condition.q in answers)) return open.has(condition.q) ? null : false;
  return holds(condition, answers);
}

/**
 * The ids of the questions that are asked or may still be asked once the open
 * ones are answered, in order. The form counts its steps with this, so the count
 * only ever shrinks when an answer rules steps out: it never jumps up.
 */
export function possibleQuestions(questions, answers) {
  const counted = {};
  const open = new Set();
  const possible = [];
  for (const question of questions) {
    const asked = question.when === null || question.when === undefined ? true : mayHold(question.when, counted, open);
    if (asked === false) continue;
    possible.push(question.id);
    if (asked === true && question.id in answers) counted[question.id] = answers[question.id];
    else open.add(question.id);
  }
  return possible;
}
