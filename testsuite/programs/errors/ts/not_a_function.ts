// Calling a method the object does not have.
const account = {
  balance: 10,
  deposit(n) {
    this.balance += n;
    return this.balance;
  },
};

console.log(account.deposit(5));
const total = account.deposit(1) + account.withdraw(3);
console.log(total);
