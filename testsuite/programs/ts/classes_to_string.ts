class Money {
  constructor(cents) { this.cents = cents; }
  toString() { return `$${(this.cents / 100).toFixed(2)}`; }
}
class Price extends Money {}
const m = new Money(1234);
console.log(`total: ${m}`, "or " + new Price(5), String(m));
console.log([new Money(1), new Money(250)].join(" + "));
