# A tiny bank ledger built from dicts and closures, with error handling.

def make_account(owner, balance=0):
    history = []

    def deposit(amount):
        nonlocal balance
        if amount <= 0:
            raise ValueError("deposit must be positive")
        balance += amount
        history.append(("deposit", amount))
        return balance

    def withdraw(amount):
        nonlocal balance
        if amount > balance:
            raise RuntimeError(f"insufficient funds: {balance} < {amount}")
        balance -= amount
        history.append(("withdraw", amount))
        return balance

    def report():
        return {"owner": owner, "balance": balance, "ops": len(history)}

    return {"deposit": deposit, "withdraw": withdraw, "report": report, "history": history}


acct = make_account("ada", 100)
print(acct["deposit"](50))
print(acct["withdraw"](30))
for amount in [500, -5, 20]:
    try:
        if amount < 0:
            acct["deposit"](amount)
        else:
            acct["withdraw"](amount)
    except ValueError as e:
        print("value error:", e)
    except RuntimeError as e:
        print("runtime error:", e)
    else:
        print("ok, balance now", acct["report"]()["balance"])
print(acct["report"]())
print(acct["history"])
total_in = sum(a for kind, a in acct["history"] if kind == "deposit")
print(f"deposited {total_in:,} in total, {total_in / 3:.3f} per third")
