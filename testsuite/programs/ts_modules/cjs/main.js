// A CommonJS program: a class imported from a sub-folder, a module cycle, caching.
const { Shape, Square } = require('./lib/shapes');
const a = require('./a');
const again = require('./a.js');
console.log('same module object:', a === again);
console.log(a.name, a.partnerSawName, require('./b').name);
const shapes = [new Shape('blob'), new Square(3)];
for (const s of shapes) {
  console.log(s.describe(), s instanceof Shape, s instanceof Square);
}
console.log(require('./lib/counter').next(), require('./lib/counter').next());
