// Closures created in C-style `for (let ...)` loops: each iteration has its own binding.
type Handler = () => string;

// Buttons that remember their own index.
const handlers: Handler[] = [];
for (let i = 0; i < 4; i++) {
  handlers.push(() => `button ${i} clicked`);
}
for (const h of handlers) console.log(h());

// Two loop variables, updated together, captured in a template.
const pairs: Handler[] = [];
for (let lo = 0, hi = 9; lo < hi; lo += 2, hi -= 3) {
  pairs.push(() => `[${lo}, ${hi}]`);
}
console.log(pairs.map((p) => p()).join(" "));

// `var` keeps one shared binding: every closure sees the final value.
const shared: (() => number)[] = [];
for (var v = 0; v < 3; v++) shared.push(() => v * 10);
console.log(shared.map((f) => f()));

// `continue` skips odd numbers; the closures still see their own even value.
const evens: (() => number)[] = [];
for (let n = 0; n < 10; n++) {
  if (n % 2 === 1) continue;
  evens.push(() => n);
}
console.log(evens.map((f) => f()));

// The body changes the loop variable; the next iteration starts from the changed value.
const jumps: (() => number)[] = [];
for (let k = 1; k < 50; k *= 2) {
  jumps.push(() => k);
  if (k === 4) k = 10;
}
console.log(jumps.map((f) => f()));

// A closure that changes its own iteration's copy, called later.
const counters: (() => number)[] = [];
for (let c = 0; c < 3; c++) {
  counters.push(() => ++c);
}
console.log(counters.map((f) => f()), counters.map((f) => f()));

// Nested loops: each closure keeps both indices.
const grid: Handler[] = [];
for (let row = 0; row < 3; row++) {
  for (let col = 0; col < 3; col++) {
    if (col === row) continue;
    grid.push(() => `${row}${col}`);
  }
}
console.log(grid.map((g) => g()).join(","));

// A block that redeclares the name before `continue`.
const shadowed: (() => number)[] = [];
for (let s = 0; s < 3; s++) {
  shadowed.push(() => s);
  {
    const s = "inner";
    if (s.length > 0) continue;
  }
}
console.log(shadowed.map((f) => f()));

// Function declarations in the body close over the iteration too.
const squares: (() => number)[] = [];
for (let q = 1; q <= 4; q++) {
  function square(): number {
    return q * q;
  }
  squares.push(square);
}
console.log(squares.map((f) => f()));

// Closures made in a `switch` inside the loop, with `continue` and `break`.
const picked: Handler[] = [];
for (let t = 0; ; t++) {
  switch (t % 3) {
    case 0:
      continue;
    case 1:
      picked.push(() => "one@" + t);
      break;
    default:
      picked.push(() => "two@" + t);
  }
  if (t > 6) break;
}
console.log(picked.map((p) => p()));

// Deferred callbacks collected while building a report.
const lines: string[] = [];
const tasks: (() => void)[] = [];
const names = ["ada", "grace", "linus"];
for (let idx = 0; idx < names.length; idx++) {
  const name = names[idx];
  tasks.push(() => lines.push(`${idx + 1}. ${name.toUpperCase()}`));
}
tasks.reverse().forEach((t) => t());
console.log(lines);
