// Building strings: padding, repeat, join, templates, reversing.
function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const top = "+" + "-".repeat(width + 2) + "+";
  const body = lines.map((l) => "| " + l.padEnd(width) + " |");
  return [top, ...body, top].join("\n");
}

console.log(box(["hello", "weft", "typescript front-end"]));

function reverse(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) {
    out += s[i];
  }
  return out;
}
console.log(reverse("stressed"), reverse("racecar") === "racecar");

function titleCase(s: string): string {
  return s
    .split(" ")
    .map((w) => (w.length > 0 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w))
    .join(" ");
}
console.log(titleCase("the QUICK brown fOX"));

const table: Array<[string, number]> = [
  ["apples", 3],
  ["kiwis", 12],
  ["plums", 7],
];
for (const [name, qty] of table) {
  console.log(`${name.padStart(8, ".")} ${String(qty).padStart(3)}`);
}

let csv = "";
for (let row = 1; row <= 3; row++) {
  const cells: string[] = [];
  for (let col = 1; col <= 4; col++) {
    cells.push(String(row * col));
  }
  csv += cells.join(",") + "\n";
}
console.log(csv.trim());
console.log("abc".charAt(1), "abc".charCodeAt(0), "a-b-c".replaceAll("-", "+"), "x".concat("y", "z"));
console.log("  padded  ".trim().length, "Hello".startsWith("He"), "Hello".endsWith("lo"), "Hello".includes("ell"));
console.log("banana".indexOf("an"), "banana".lastIndexOf("an"), "banana".replace("an", "AN"));
console.log("a,b,,c".split(","), "abc".split(""), "one two".split(" ", 1));
