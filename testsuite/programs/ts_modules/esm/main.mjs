import { Stack, DEFAULT } from './stack.mjs';
import makeQueue from './queue.mjs';
import * as util from './util.mjs';
const s = new Stack();
s.push(1); s.push(2);
console.log(s.pop(), s.size, DEFAULT);
const q = makeQueue();
q.push('x');
console.log(q.items.length, util.twice(21), util.label);
