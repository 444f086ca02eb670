// Objects with methods using `this`, validation with errors, a transaction log.
function createAccount(owner: string, balance: number = 0) {
  return {
    owner,
    balance,
    history: [] as string[],
    deposit(amount: number) {
      if (amount <= 0) throw new Error("deposit must be positive");
      this.balance += amount;
      this.history.push(`+${amount}`);
      return this.balance;
    },
    withdraw(amount: number) {
      if (amount > this.balance) {
        throw new Error(`insufficient funds: ${this.balance} < ${amount}`);
      }
      this.balance -= amount;
      this.history.push(`-${amount}`);
      return this.balance;
    },
    report(): string {
      return `${this.owner}: ${this.balance.toFixed(2)} [${this.history.join(" ")}]`;
    },
  };
}

const acct = createAccount("grace", 100);
acct.deposit(50);
acct.withdraw(30.5);
for (const amount of [500, -5, 20]) {
  try {
    if (amount < 0) acct.deposit(amount);
    else acct.withdraw(amount);
  } catch (e) {
    console.log("error:", (e as Error).message);
  }
}
console.log(acct.report());

function transfer(from: ReturnType<typeof createAccount>, to: ReturnType<typeof createAccount>, amt: number) {
  from.withdraw(amt);
  to.deposit(amt);
}
const other = createAccount("linus");
transfer(acct, other, 40);
console.log(acct.report());
console.log(other.report());
try {
  transfer(other, acct, 1000);
} catch (e: any) {
  console.log("transfer failed:", e.message);
}
console.log(acct.balance + other.balance);
