// Higher-order functions: currying, pipelines, partial application, generators by closure.
const curry = (f: (a: number, b: number, c: number) => number) => (a: number) => (b: number) => (c: number) =>
  f(a, b, c);
const volume = curry((l, w, h) => l * w * h);
console.log(volume(2)(3)(4));

function pipe(...fns: Array<(x: any) => any>) {
  return (input: any) => fns.reduce((acc, f) => f(acc), input);
}
const process = pipe(
  (s: string) => s.trim(),
  (s: string) => s.split(/*sep*/ " "),
  (ws: string[]) => ws.filter((w) => w.length > 2),
  (ws: string[]) => ws.map((w) => w[0].toUpperCase() + w.slice(1)),
  (ws: string[]) => ws.join("_"),
);
console.log(process("  the big red fox is on it  "));

function partial(f: (...args: number[]) => number, ...fixed: number[]) {
  return (...more: number[]) => f(...fixed, ...more);
}
const sum3 = (a: number, b: number, c: number) => a + b + c;
console.log(partial(sum3, 1)(2, 3), partial(sum3, 1, 2)(10));

function range(start: number, end: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
  return out;
}
console.log(range(0, 5), range(10, 0, -3), range(0, 1, 0.25));

function makeIterator<T>(items: T[]) {
  let index = 0;
  return {
    hasNext: () => index < items.length,
    next: () => items[index++],
  };
}
const it = makeIterator(["a", "b", "c"]);
const seen: string[] = [];
while (it.hasNext()) seen.push(it.next());
console.log(seen);

const zip = <A, B>(xs: A[], ys: B[]): Array<[A, B]> => xs.slice(0, Math.min(xs.length, ys.length)).map((x, i) => [x, ys[i]]);
console.log(zip([1, 2, 3], ["one", "two"]));
const groupBy = <T>(xs: T[], key: (x: T) => string) =>
  xs.reduce((acc: Record<string, T[]>, x) => {
    (acc[key(x)] ||= []).push(x);
    return acc;
  }, {});
console.log(groupBy([1, 2, 3, 4, 5, 6], (x) => (x % 2 ? "odd" : "even")));
const counts = [3, 1, 2].map((n) => "*".repeat(n));
console.log(counts, [1, 2, 3].every((x) => x > 0), [[1], [2]].map(([x]) => x));
