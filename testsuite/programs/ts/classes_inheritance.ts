class Animal {
  static count = 0;
  legs = 4;
  #secret = "s";
  constructor(name) { this.name = name; Animal.count += 1; }
  speak() { return `${this.name} makes a sound`; }
  get description() { return `${this.name} with ${this.legs} legs`; }
  set nick(v) { this._nick = v.toUpperCase(); }
  static create(n) { return new this(n); }
  secret() { return this.#secret; }
}
class Dog extends Animal {
  constructor(name, breed) { super(name); this.breed = breed; }
  speak() { return super.speak() + " (woof)"; }
}
class Puppy extends Dog {
  tiny = true;
  speak() { return "small " + super.speak(); }
}
class MyError extends Error {
  constructor(msg) { super(msg); this.code = 42; }
}
const d = new Dog("Rex", "lab");
console.log(d.speak(), d.description, d.legs);
d.nick = "rexy";
console.log(d._nick, Animal.count);
const p = new Puppy("Bit", "pug");
console.log(p.speak(), p.tiny, p.breed, Animal.count, Puppy.count);
console.log(p instanceof Dog, p instanceof Animal, d instanceof Puppy, typeof Dog);
console.log(Animal.create("Cat").speak(), p.secret());
try { throw new MyError("bad"); } catch (e) { console.log(e.message, e.code, e instanceof MyError, e instanceof Error, String(e)); }
const K = class { m() { return 7; } };
console.log(new K().m());
function Edge(a, b) { this.a = a; this.b = b; }
const e = new Edge(1, 2);
console.log(e.a + e.b);
const arr = new Array(3);
arr[5] = 1;
console.log(arr.length, arr[1] === null || arr[1] === undefined);
arr.length = 8;
console.log(arr.length);
