class Btn {
  label = "ok";
  onClick = () => `clicked ${this.label}`;
  static #count = 0;
  static get count() { return Btn.#count; }
  static make() { Btn.#count++; return new Btn(); }
  #secret() { return 42; }
  reveal() { return this.#secret(); }
}
const b = Btn.make(); Btn.make();
const h = b.onClick;
console.log(h(), Btn.count, b.reveal(), "reveal" in b, Object.keys(b));
class A { who() { return "A"; } }
class B extends A { who() { return "B>" + super.who(); } }
class C extends B { who() { return "C>" + super.who(); } }
console.log(new C().who(), new C() instanceof A);
class Shape { area() { throw new Error("abstract"); } toJSON() { return { kind: this.constructor.name }; } }
class Sq extends Shape { constructor(s) { super(); this.s = s; } area() { return this.s ** 2; } }
const shapes = [new Sq(2), new Sq(3)];
console.log(shapes.map(s => s.area()).reduce((a, x) => a + x, 0), shapes[0].constructor.name);
try { new Shape().area(); } catch (e) { console.log("caught", e.message); }
class Temp { #c = 0; get f() { return this.#c * 9 / 5 + 32; } set f(v) { this.#c = (v - 32) * 5 / 9; } }
const t = new Temp(); t.f = 212; console.log(t.f);
const Mixin = (Base) => class extends Base { hello() { return "hi from " + this.name; } };
class Person { constructor(n) { this.name = n; } }
class Friendly extends Mixin(Person) {}
console.log(new Friendly("Bo").hello());
