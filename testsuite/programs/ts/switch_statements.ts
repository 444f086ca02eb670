// switch: matching, fall-through, default in the middle, continue inside switch.
function describe(n: number): string {
  switch (n) {
    case 0:
      return "zero";
    case 1:
    case 2:
    case 3:
      return "small";
    case 10:
      return "ten";
    default:
      return n < 0 ? "negative" : "large";
  }
}
console.log([0, 2, 3, 10, 99, -5].map(describe).join(", "));

function grade(score: number): string {
  let g = "";
  switch (true) {
    case score >= 90:
      g = "A";
      break;
    case score >= 80:
      g = "B";
      break;
    case score >= 70:
      g = "C";
      break;
    default:
      g = "F";
  }
  return g;
}
console.log([95, 85, 72, 10].map(grade));

const trace: string[] = [];
for (const cmd of ["a", "b", "skip", "c", "stop", "d"]) {
  switch (cmd) {
    case "skip":
      continue;
    case "stop":
      trace.push("stopping");
      break;
    default:
      trace.push(cmd.toUpperCase());
  }
  if (cmd === "stop") break;
  trace.push(";");
}
console.log(trace.join(""));

function fallthrough(x: number): string[] {
  const out: string[] = [];
  switch (x) {
    default:
      out.push("default");
    case 1:
      out.push("one");
    case 2:
      out.push("two");
      break;
    case 3:
      out.push("three");
  }
  return out;
}
console.log(fallthrough(1), fallthrough(2), fallthrough(3), fallthrough(7));

let count = 0;
let i = 0;
while (i < 10) {
  i++;
  switch (i % 3) {
    case 0:
      continue;
    case 1:
      count += 10;
      break;
    case 2:
      count += 1;
  }
  count += 100;
}
console.log("count", count);

const kind = (v: unknown): string => {
  switch (typeof v) {
    case "number":
      return "num";
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "object":
      return v === null ? "null" : Array.isArray(v) ? "array" : "object";
    default:
      return "other";
  }
};
console.log([1, "x", true, null, [1], { a: 1 }, () => 1].map(kind).join(" "));
