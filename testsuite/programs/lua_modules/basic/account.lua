-- account: a class module using metatables
local util = require("util")

local Account = {}
Account.__index = Account

Account.__tostring = function(a)
  return string.format("Account(%s, %s)", a.owner, util.round(a.balance, 2))
end

Account.__eq = function(a, b) return a.owner == b.owner end

Account.__lt = function(a, b) return a.balance < b.balance end

function Account.new(owner, balance)
  return setmetatable({owner = owner, balance = balance or 0}, Account)
end

function Account:deposit(n)
  self.balance = self.balance + n
  return self
end

function Account:withdraw(n)
  if n > self.balance then
    error("insufficient funds")
  end
  self.balance = self.balance - n
  return self
end

return Account
