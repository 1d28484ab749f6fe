// Which questions the browser form asks, for each set of answers on stdin.
//
//   node tests/js/asked_questions.mjs < {"questions": [...], "answer_sets": [{...}, ...]}
//
// Prints a JSON array: for each answer set, the ids of the questions asked.
import { readFileSync } from "node:fs";
import { askedQuestions } from "../../web/conditions.js";

const { questions, answer_sets: answerSets } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(answerSets.map((answers) => askedQuestions(questions, answers))));
