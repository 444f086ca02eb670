-- Error handling with pcall, error objects and assert.
local Account = {}

function Account.new(owner, balance)
  assert(type(owner) == "string", "owner must be a string")
  return { owner = owner, balance = balance or 0 }
end

function Account.withdraw(acct, amount)
  if amount <= 0 then
    error({ code = "EINVAL", msg = "amount must be positive" })
  end
  if amount > acct.balance then
    error({ code = "EFUNDS", msg = "insufficient funds", need = amount - acct.balance })
  end
  acct.balance = acct.balance - amount
  return acct.balance
end

local a = Account.new("ann", 100)
local attempts = {30, -5, 200, 70, 1}
for _, amt in ipairs(attempts) do
  local ok, res = pcall(Account.withdraw, a, amt)
  if ok then
    print("withdrew", amt, "left", res)
  else
    io.write("failed ", amt, ": ", res.code, " ", res.msg)
    if res.need then io.write(" (short by ", res.need, ")") end
    print()
  end
end

local ok, err = pcall(Account.new, 42)
print(ok, (err:gsub("^.-:%d+: ", "")))

local ok2, err2 = pcall(function() error("plain message", 0) end)
print(ok2, err2)

local function safe_div(x, y)
  if y == 0 then error("division by zero", 2) end
  return x / y
end
local ok3, err3 = pcall(safe_div, 1, 0)
print(ok3, (string.gsub(err3, "^.-:%d+: ", "")))
print(pcall(safe_div, 10, 4))
print(select("#", pcall(error)))
