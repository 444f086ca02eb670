const a = require('./a');
// In a cycle, b sees the exports a had set before requiring b.
exports.sawA = a.name;
exports.name = 'b';
console.log('b loaded, a.partnerSawName set:', a.partnerSawName != null);
