exports.name = 'a';
const b = require('./b');
exports.partnerSawName = b.sawA;
console.log('a loaded');
