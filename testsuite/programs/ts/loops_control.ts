// Loop forms: while, do-while, for with continue/break, for-in over arrays, nested loops.
let i = 0;
let evens = 0;
while (i < 20) {
  i++;
  if (i % 2 === 1) continue;
  if (i > 14) break;
  evens += i;
}
console.log("evens", evens, "i", i);

let n = 27;
let steps = 0;
do {
  n = n % 2 === 0 ? n / 2 : 3 * n + 1;
  steps++;
} while (n !== 1);
console.log("collatz steps", steps);

let attempts = 0;
do {
  attempts++;
  if (attempts < 3) continue;
} while (attempts < 5);
console.log("attempts", attempts);

const found: string[] = [];
for (let a = 1; a < 20; a++) {
  for (let b = a; b < 20; b++) {
    const c = Math.sqrt(a * a + b * b);
    if (c > 20) break;
    if (c !== Math.floor(c)) continue;
    found.push(`${a}-${b}-${c}`);
  }
}
console.log(found.join(" "));

const letters = ["x", "y", "z"];
for (const idx in letters) {
  console.log(idx, typeof idx, letters[idx]);
}
for (const ch of "héllo") process(ch);
function process(ch: string) {
  console.log(ch, ch.length);
}

let total = 0;
for (let k = 10; k > 0; k -= 3) total += k;
console.log("total", total);
for (let s = 0, t = 10; s < t; s += 2, t -= 2) console.log("pair", s, t);
let spin = 0;
for (;;) {
  if (++spin >= 4) break;
}
console.log("spin", spin);
