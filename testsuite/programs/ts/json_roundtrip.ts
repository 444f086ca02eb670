// JSON.stringify and JSON.parse round trips with nesting and indentation.
const record = {
  id: 17,
  title: "Weft",
  ratio: 0.75,
  tags: ["ir", "vm", "jit"],
  owner: { name: "sam", active: true, score: null },
  empty: {},
  none: [],
};

const compact = JSON.stringify(record);
console.log(compact);
console.log(JSON.stringify(record, null, 2));
console.log(JSON.stringify([1, "two", [3, [4]]], null, "--"));
const back = JSON.parse(compact);
console.log(back.tags[1], back.owner.name, back.ratio * 4, back.owner.score === null);
console.log(JSON.stringify(back) === compact);
console.log(JSON.stringify("quote \" and \\ backslash\nnewline"));
console.log(JSON.stringify({ f: () => 1, n: 1 / 0, d: 2.5 }));
console.log(JSON.stringify(42), JSON.stringify(true), JSON.stringify(null), JSON.stringify("s"));

const rows = JSON.parse('[{"k":"a","v":1},{"k":"b","v":2},{"k":"c","v":3}]');
const asObject: Record<string, number> = {};
for (const row of rows) asObject[row.k] = row.v * 10;
console.log(asObject, JSON.stringify(asObject));
try {
  JSON.parse("{not json");
} catch (e) {
  console.log("parse failed:", e instanceof SyntaxError || e instanceof Error);
}
const deep = JSON.parse('{"a":{"b":{"c":{"d":[1,2,3]}}}}');
console.log(deep.a.b.c.d.length, deep);
