let n = 0;
console.log('counter runs once');
exports.next = () => { n += 1; return n; };
