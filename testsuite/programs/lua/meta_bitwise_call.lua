-- Bitwise metamethods on a small Bitset type, and __call: functors, memoizing tables, extra args and multiple returns.
local Bitset = {}
Bitset.__index = Bitset

local function bits(n) return setmetatable({v = n & 0xFF}, Bitset) end
local function raw(x) if type(x) == "number" then return x end return x.v end

function Bitset.of(...)
  local n = 0
  for _, i in ipairs({...}) do n = n | (1 << i) end
  return bits(n)
end

Bitset.__band = function(a, b) return bits(raw(a) & raw(b)) end
Bitset.__bor = function(a, b) return bits(raw(a) | raw(b)) end
Bitset.__bxor = function(a, b) return bits(raw(a) ~ raw(b)) end
Bitset.__shl = function(a, n) return bits(raw(a) << raw(n)) end
Bitset.__shr = function(a, n) return bits(raw(a) >> raw(n)) end
Bitset.__bnot = function(a) return bits(~raw(a)) end
Bitset.__eq = function(a, b) return a.v == b.v end
Bitset.__tostring = function(a)
  local s = {}
  for i = 7, 0, -1 do s[#s + 1] = ((a.v >> i) & 1 == 1) and "1" or "0" end
  return table.concat(s)
end

function Bitset:has(i) return (self.v >> i) & 1 == 1 end
function Bitset:count()
  local c, n = 0, self.v
  while n ~= 0 do c = c + (n & 1); n = n >> 1 end
  return c
end
function Bitset:members()
  local out = {}
  for i = 0, 7 do if self:has(i) then out[#out + 1] = i end end
  return table.concat(out, ",")
end

local a = Bitset.of(0, 2, 4, 6)
local b = Bitset.of(0, 1, 2, 3)
print("a   ", a, a:members(), a:count())
print("b   ", b, b:members(), b:count())
print("a&b ", a & b, (a & b):members())
print("a|b ", a | b, (a | b):members())
print("a~b ", a ~ b, (a ~ b):members())
print("~a  ", ~a, (~a):members())
print("a<<1", a << 1, "a>>2", a >> 2, "b<<5", b << 5)
print("a&15", a & 15, "240|b", 240 | b, "1~a", 1 ~ a)
print("eq", (a | b) == Bitset.of(0, 1, 2, 3, 4, 6), a == b, ~~a == a)

-- __call: a functor that accumulates
local Acc = setmetatable({}, {__call = function(cls, start)
  return setmetatable({total = start or 0}, cls)
end})
Acc.__index = Acc
Acc.__call = function(self, ...)
  local n = select("#", ...)
  for i = 1, n do self.total = self.total + select(i, ...) end
  return self.total, n
end
local acc = Acc(100)
print("acc(1,2,3)", acc(1, 2, 3))
print("acc()", acc())
print("acc(10)", acc(10))
local t, n = acc(0.5, 0.5)
print("multiple returns", t, n)
print("in a list", (acc(1)), "truncated")

-- memoizing function table
local calls = 0
local fib = setmetatable({[0] = 0, [1] = 1}, {
  __call = function(self, k)
    local v = rawget(self, k)
    if v then return v end
    calls = calls + 1
    v = self(k - 1) + self(k - 2)
    self[k] = v
    return v
  end,
})
print("fib(30)", fib(30), "calls", calls)
print("fib(31)", fib(31), "calls", calls)
print("fib(10)", fib[10], fib(10), "calls", calls)

-- callable used where a function is expected
local Multiplier = {}
Multiplier.__index = Multiplier
Multiplier.__call = function(self, x) return x * self.k end
local function multiplier(k) return setmetatable({k = k}, Multiplier) end
local triple = multiplier(3)
local out = {}
for i, v in ipairs({1, 2, 3, 4}) do out[i] = triple(v) end
print("triple", table.concat(out, " "))
local nums = {5, 1, 4}
local desc = setmetatable({}, {__call = function(_, x, y) return x > y end})
table.sort(nums, function(x, y) return desc(x, y) end)
print("sorted desc via callable", table.concat(nums, " "))
print("pcall callable", pcall(triple, 7))
