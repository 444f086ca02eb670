// console.log formatting of nested and long values, as node prints them.
console.log([1, 2, 3], ["a", "b"], [], {}, [[]], [{}]);
console.log({ a: 1, b: "two", c: [3, 4], d: { e: null, f: true } });
console.log(["it's", 'say "hi"', `both ' and "`, "tab\there", "new\nline", "back\\slash"]);
console.log({ "key with space": 1, valid_id: 2, "dash-key": 4, $dollar: 5 });
const long = [];
for (let i = 0; i < 30; i++) long.push(i * 7);
console.log(long);
const words = "the quick brown fox jumps over the lazy dog again and again".split(" ");
console.log(words);
console.log([1.5, -2.25, 1000000, 0.001, -0]);
const nested = { level: 1, child: { level: 2, child: { level: 3, child: { level: 4 } } } };
console.log(nested);
console.log([[1, [2, [3, [4, [5]]]]]]);
const people = [
  { name: "ada", born: 1815, langs: ["analytical engine"] },
  { name: "grace", born: 1906, langs: ["cobol", "flow-matic"] },
  { name: "barbara", born: 1939, langs: ["clu"] },
];
console.log(people);
const many: Record<string, number> = {};
for (let i = 0; i < 12; i++) many["k" + i] = i * i;
console.log(many);
console.log([true, false, null], "mixed", 42, { x: [1, { y: 2 }] });
const big: number[] = [];
for (let i = 0; i < 120; i++) big.push(i);
console.log(big);
console.log(["short", "a much longer string value here", "mid-size", "x", "y", "z", "w"]);
console.log([() => 1, [function named() {}]].length, "done");
