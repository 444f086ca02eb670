// Arrow functions' lexical `this` and `arguments`, logical assignment, and built-in
// arguments that are easy to get wrong (start positions, `$` patterns, radix output).
type Cart = { items: number[]; discount: number; totals: () => number[] };

const cart: Cart = {
  items: [10, 25, 40],
  discount: 0.5,
  totals() {
    return this.items.map((price) => price * this.discount);
  },
};
console.log(cart.totals());

function timer(label: string) {
  const ticks: string[] = [];
  const obj = {
    count: 0,
    tick() {
      const step = () => {
        this.count++;
        ticks.push(`${label}#${this.count}`);
      };
      step();
      step();
      return this.count;
    },
  };
  return { obj, ticks };
}
const t = timer("t");
console.log(t.obj.tick(), t.obj.tick(), t.ticks.join(" "));

function describe(kind: string, ...rest: number[]) {
  const summary = () => `${kind}: ${arguments.length} arguments, first ${arguments[0]}`;
  const sum = () => rest.reduce((a, b) => a + b, 0);
  return summary() + ", sum " + sum();
}
console.log(describe("nums", 1, 2, 3));

// Logical assignment assigns only when it must.
const settings: Record<string, any> = { theme: "", volume: 0, name: "player" };
settings.theme ||= "dark";
settings.volume ??= 5;
settings.name &&= settings.name.toUpperCase();
settings.missing &&= "never";
settings.fresh ??= "created";
console.log(settings, Object.keys(settings).length);
let hits = 0;
const expensive = () => ++hits;
let cached: number | null = 3;
cached ??= expensive();
cached ||= expensive();
console.log(cached, hits);

// Array.from with a map function.
console.log(Array.from("wxyz", (ch, i) => ch.repeat(i + 1)));
console.log(Array.from([3, 1, 2], (n) => n * n).sort());

// Start positions of indexOf / lastIndexOf / includes on arrays.
const seq = [4, 8, 4, 15, 4, 16];
const positions: number[] = [];
for (let at = seq.indexOf(4); at !== -1; at = seq.indexOf(4, at + 1)) positions.push(at);
console.log(positions, seq.lastIndexOf(4, 3), seq.lastIndexOf(4, -3), seq.includes(8, 2), seq.includes(16, -1));

// `$` patterns and replacer functions in replace / replaceAll.
const template = "Hello NAME, welcome to PLACE.";
console.log(template.replace("NAME", "[$&]").replace("PLACE", "$$100 land"));
console.log("a-b-c".replaceAll("-", "<$`|$'>"));
console.log("one two one".replaceAll("one", (m: string, offset: number) => `${m.length}@${offset}`));
console.log("abc".replaceAll("", "."));

// Number.prototype.toString with a radix, fractions included.
const values = [255, -255, 0.5, 0.1, 3.75, 1 / 3, 1e21, 2 ** 60];
for (const radix of [2, 8, 16, 36]) {
  console.log(radix, values.map((v) => v.toString(radix)).join(" "));
}
