// Destructuring: arrays, objects, defaults, rest, swapping, parameters.
const [a, b, c = 30, ...rest] = [1, 2, undefined, 4, 5, 6];
console.log(a, b, c, rest);

const { name, age = 40, address: { city } } = { name: "alan", address: { city: "wilmslow" } } as any;
console.log(name, age, city);

let x = 1,
  y = 2;
[x, y] = [y, x];
console.log("swapped", x, y);

function area({ width, height = 10 }: { width: number; height?: number }): number {
  return width * height;
}
console.log(area({ width: 3 }), area({ width: 3, height: 4 }));

function sum(first: number, ...others: number[]): number {
  return others.reduce((s, v) => s + v, first);
}
console.log(sum(1), sum(1, 2, 3, 4), sum(...[10, 20, 30]));

const pairs: Array<[string, number]> = [
  ["one", 1],
  ["two", 2],
];
for (const [word, num] of pairs) console.log(word, "=>", num);

const points = [
  { x: 1, y: 2 },
  { x: -3, y: 4 },
];
const xs = points.map(({ x }) => x);
const norms = points.map(({ x, y }) => Math.sqrt(x * x + y * y));
console.log(xs, norms);

const [[p, q], [r]] = [[1, 2], [3]];
console.log(p + q + r);

const { length } = "hello";
console.log(length);

function firstAndLast<T>(items: T[]): [T, T] {
  return [items[0], items[items.length - 1]];
}
const [head, last] = firstAndLast(["h", "i", "j"]);
console.log(head, last);
const [, second] = [9, 8, 7];
console.log(second);
