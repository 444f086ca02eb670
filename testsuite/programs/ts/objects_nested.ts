// Objects: nesting, spread, keys/values/entries, dynamic keys, JSON.
type Point = { x: number; y: number };
const origin: Point = { x: 0, y: 0 };
const p = { ...origin, x: 3 };
const q = { ...p, label: "q", meta: { created: 1, tags: ["a", "b"] } };
console.log(origin, p);
console.log(q);
console.log(Object.keys(q), Object.values(p), Object.entries(p));

const key = "dyn" + 1;
const withComputed = { [key]: true, ["a" + "b"]: 2, plain: "x" };
console.log(withComputed);

const inventory: Record<string, number> = {};
const words = "the cat and the hat and the bat".split(" ");
for (const w of words) {
  inventory[w] = (inventory[w] || 0) + 1;
}
console.log(inventory);
for (const k in inventory) {
  if (inventory[k] > 1) console.log(`${k} appears ${inventory[k]} times`);
}

const user = { name: "ada", address: { city: "london", zip: null as string | null } };
console.log(user.address.city, user.address.zip ?? "no zip", (user as any).phone?.number ?? "no phone");
delete (user as any).address.zip;
console.log(JSON.stringify(user));
console.log(JSON.stringify({ a: [1, 2, { b: 3 }], c: "x", d: true, e: null }, null, 2));
const parsed = JSON.parse('{"n": 1.5, "list": [1, 2, 3], "s": "hi"}');
console.log(parsed.n * 2, parsed.list.length, parsed.s.toUpperCase());

const merged = Object.assign({}, { a: 1 }, { b: 2 }, { a: 3 });
console.log(merged, "a" in merged, "z" in merged, merged.hasOwnProperty("b"));

const deep = { level1: { level2: { level3: { level4: "deep" } } } };
console.log(deep);
const wide = { alpha: "aaaaaaaaaa", beta: "bbbbbbbbbb", gamma: "cccccccccc", delta: "dddddddddd", epsilon: 1 };
console.log(wide);
console.log(Object.fromEntries([["x", 1], ["y", 2]]));
