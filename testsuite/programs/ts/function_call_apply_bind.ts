class Counter {
  constructor() { this.n = 0; this.inc = this.inc.bind(this); }
  inc(by) { this.n += by ?? 1; return this.n; }
}
const c = new Counter();
const f = c.inc;
f(); f(5);
console.log(c.n);
function greet(greeting, mark) { return `${greeting}, ${this.name}${mark}`; }
const ada = { name: "Ada" };
console.log(greet.call(ada, "Hello", "!"), greet.apply(ada, ["Hi", "?"]));
const hey = greet.bind(ada, "Hey");
console.log(hey("."), [1, 2, 3].map(c.inc));
const weird = { call(x) { return "own " + x; } };
console.log(weird.call(1));
