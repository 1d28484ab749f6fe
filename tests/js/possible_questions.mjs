// The questions the form may still ask (it counts its steps with these), for each
// set of answers on stdin, beside the questions it asks now.
//
//   node tests/js/possible_questions.mjs < {"questions": [...], "answer_sets": [{...}, ...]}
//
// Prints a JSON array: for each answer set, [asked ids, possible ids].
import { readFileSync } from "node:fs";
import { askedQuestions, possibleQuestions } from "../../web/conditions.js";

const { questions, answer_sets: answerSets } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(
  JSON.stringify(answerSets.map((answers) => [askedQuestions(questions, answers), possibleQuestions(questions, answers)])),
);
