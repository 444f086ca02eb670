// Integer algorithms: fast power, digit sums, base conversion, bit counting.
function modPow(base: number, exp: number, mod: number): number {
  let result = 1;
  base %= mod;
  while (exp > 0) {
    if (exp & 1) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1;
  }
  return result;
}

function digitSum(n: number): number {
  return String(n)
    .split("")
    .reduce((s, d) => s + Number(d), 0);
}

function toBase(n: number, b: number): string {
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (n === 0) return "0";
  let out = "";
  while (n > 0) {
    out = digits[n % b] + out;
    n = Math.floor(n / b);
  }
  return out;
}

function popcount(n: number): number {
  let c = 0;
  while (n) {
    n &= n - 1;
    c++;
  }
  return c;
}

function isqrt(n: number): number {
  let x = n;
  let y = Math.floor((x + 1) / 2);
  while (y < x) {
    x = y;
    y = Math.floor((x + Math.floor(n / x)) / 2);
  }
  return x;
}

console.log(modPow(2, 10, 1000), modPow(3, 200, 13), modPow(7, 0, 5));
console.log(digitSum(987654321), digitSum(2 ** 40));
console.log(toBase(255, 2), toBase(255, 16), toBase(1295, 36), (1295).toString(36));
console.log([0, 1, 7, 8, 255, 1023].map(popcount));
console.log(isqrt(99), isqrt(100), isqrt(2 ** 40));
const triangular = Array.from("12345").map((d) => (Number(d) * (Number(d) + 1)) / 2);
console.log(triangular, triangular.reduce((a, b) => a + b));
console.log(Number.MAX_SAFE_INTEGER % 1000, 123456789 * 1000, 0.1 * 3 === 0.3, Math.abs(0.1 * 3 - 0.3) < Number.EPSILON);
