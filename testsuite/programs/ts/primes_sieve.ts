// Sieve of Eratosthenes, prime factorisation and perfect numbers.
function sieve(limit: number): number[] {
  const isPrime: boolean[] = [];
  for (let i = 0; i <= limit; i++) isPrime.push(i >= 2);
  for (let p = 2; p * p <= limit; p++) {
    if (!isPrime[p]) continue;
    for (let m = p * p; m <= limit; m += p) isPrime[m] = false;
  }
  const out: number[] = [];
  isPrime.forEach((v, i) => {
    if (v) out.push(i);
  });
  return out;
}

function factorize(n: number): Record<string, number> {
  const f: Record<string, number> = {};
  let d = 2;
  while (n > 1) {
    while (n % d === 0) {
      f[d] = (f[d] || 0) + 1;
      n /= d;
    }
    d++;
  }
  return f;
}

const primes = sieve(100);
console.log(primes.length, "primes below 100");
console.log(primes);
console.log(factorize(360), factorize(97), factorize(1001));
const perfect: number[] = [];
for (let n = 2; n < 1000; n++) {
  let s = 1;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) {
      s += d;
      if (d * d !== n) s += n / d;
    }
  }
  if (s === n) perfect.push(n);
}
console.log("perfect:", perfect);
const twin = primes.filter((p, i) => primes[i + 1] - p === 2).map((p) => `(${p},${p + 2})`);
console.log(twin.join(" "));
