// Closures capturing mutable state, counters and accumulators.
function makeCounter(start: number = 0) {
  let count = start;
  return {
    inc: () => ++count,
    dec: () => --count,
    get: () => count,
  };
}

const a = makeCounter();
const b = makeCounter(10);
a.inc();
a.inc();
b.dec();
console.log("a =", a.get(), "b =", b.get());

function makeAdder(n: number): (x: number) => number {
  return (x) => x + n;
}
const add5 = makeAdder(5);
const add10 = makeAdder(10);
console.log(add5(1), add10(1), add5(add10(0)));

function compose<T>(...fns: Array<(x: T) => T>): (x: T) => T {
  return (x: T) => fns.reduceRight((acc, f) => f(acc), x);
}
const inc = (x: number) => x + 1;
const dbl = (x: number) => x * 2;
console.log(compose(inc, dbl)(5), compose(dbl, inc)(5));

const fns: Array<() => number> = [];
for (let i = 0; i < 3; i++) {
  const k = i * i;
  fns.push(() => k);
}
console.log(fns.map((f) => f()));

function memo(f: (n: number) => number) {
  const cache: { [key: string]: number } = {};
  let hits = 0;
  const wrapped = (n: number): number => {
    const key = String(n);
    if (key in cache) {
      hits++;
      return cache[key];
    }
    const v = f(n);
    cache[key] = v;
    return v;
  };
  return { wrapped, hits: () => hits };
}
const sq = memo((n) => n * n);
sq.wrapped(4);
sq.wrapped(4);
sq.wrapped(5);
console.log("hits", sq.hits());

let log: string[] = [];
const once = (f: () => void) => {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      f();
    }
  };
};
const hello = once(() => log.push("hello"));
hello();
hello();
console.log(log);
