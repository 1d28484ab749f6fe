// Reads {questions, households} on stdin; writes, per household, the packed answers and
// what unpacking them gives back, and what the same link gives once a question has
// gained an option (another version of the schema). tests/test_share_encoding.py drives it.
import { decodeAnswers, encodeAnswers } from "../../web/storage.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { questions, households } = JSON.parse(input);
const grown = structuredClone(questions);
const choice = grown.find((q) => q.type === "choice");
choice.options.push({ value: "not_sure", zh: "不确定", en: "Not sure" });
const out = households.map((answers) => {
  const packed = encodeAnswers(questions, answers);
  return { packed, back: decodeAnswers(questions, packed), other: decodeAnswers(grown, packed) };
});
process.stdout.write(JSON.stringify(out));
