// JavaScript truthiness in conditions, `!` and ternaries, including NaN and -0.
const values: any[] = [0, -0, 1, -1, 0.5, NaN, "", "0", "a", null, [], {}, true, false];

function describe(v: any): string {
  if (v) {
    return "truthy";
  } else {
    return "falsy";
  }
}

let line = "";
for (const v of values) {
  line += describe(v) === "truthy" ? "T" : "F";
}
console.log(line);

const nan = 0 / 0;
console.log(!nan, !!nan, nan ? "yes" : "no");
let count = 0;
let x = 3;
while (x) {
  count += 1;
  x -= 1;
}
console.log("loop ran", count, "times");
let guard = nan;
do {
  count += 10;
} while (guard);
console.log("do-while ran once:", count);
for (let i = 5; i % 3; i++) {
  count += i;
}
console.log("for stopped at a multiple of 3:", count);
const parsed = parseInt("abc");
console.log(parsed ? "parsed" : "not a number", isNaN(parsed));
