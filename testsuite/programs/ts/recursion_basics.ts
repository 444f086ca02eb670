// Recursion: factorial, fibonacci, power set, hanoi, gcd.
function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function powerSet(items: string[]): string[][] {
  if (items.length === 0) return [[]];
  const [first, ...rest] = items;
  const without = powerSet(rest);
  const withFirst = without.map((s) => [first, ...s]);
  return [...without, ...withFirst];
}

const moves: string[] = [];
function hanoi(n: number, from: string, to: string, via: string): void {
  if (n === 0) return;
  hanoi(n - 1, from, via, to);
  moves.push(`${from}->${to}`);
  hanoi(n - 1, via, to, from);
}

for (let i = 0; i <= 10; i += 2) {
  console.log(`factorial(${i}) = ${factorial(i)}`);
}
console.log("fib:", [0, 1, 2, 3, 10, 20].map(fib));
console.log("gcd:", gcd(48, 18), gcd(17, 5), gcd(100, 75));
console.log(powerSet(["a", "b", "c"]));
hanoi(3, "A", "C", "B");
console.log(moves.length, moves.join(" "));
console.log(factorial(20), factorial(25));

function ackermann(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
console.log("ackermann(2, 3) =", ackermann(2, 3));

const isEven = (n: number): boolean => (n === 0 ? true : isOdd(n - 1));
const isOdd = (n: number): boolean => (n === 0 ? false : isEven(n - 1));
console.log(isEven(10), isOdd(7), isEven(3));
