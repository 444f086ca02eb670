-- Higher-order Lua: sort comparators, map/filter/reduce, closures over loop variables, function tables, local recursion.
local function map(list, f)
  local out = {}
  for i, v in ipairs(list) do out[i] = f(v, i) end
  return out
end

local function filter(list, pred)
  local out = {}
  for _, v in ipairs(list) do
    if pred(v) then out[#out + 1] = v end
  end
  return out
end

local function reduce(list, f, init)
  local acc = init
  for _, v in ipairs(list) do acc = f(acc, v) end
  return acc
end

local function compose(...)
  local fs = {...}
  return function(x) for i = #fs, 1, -1 do x = fs[i](x) end return x end
end

local function show(list) return "{" .. table.concat(list, ", ") .. "}" end

local nums = {}
for i = 1, 10 do nums[i] = i end
print("nums", show(nums))
print("squares", show(map(nums, function(x) return x * x end)))
print("indexed", show(map({"a", "b", "c"}, function(v, i) return i .. v end)))
print("evens", show(filter(nums, function(x) return x % 2 == 0 end)))
print("sum", reduce(nums, function(a, b) return a + b end, 0))
print("product", reduce(nums, function(a, b) return a * b end, 1))
print("max", reduce(nums, math.max, -math.huge))
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print("compose(inc, dbl)(5)", compose(inc, dbl)(5), "compose(dbl, inc)(5)", compose(dbl, inc)(5))
print("chain", show(map(filter(nums, function(x) return x > 6 end), compose(tostring, dbl))))

-- sorting with comparator closures
local people = {
  {name = "Ada", age = 36}, {name = "Bo", age = 25}, {name = "Cy", age = 36},
  {name = "Di", age = 19}, {name = "Ed", age = 25},
}
local function by(field, desc)
  return function(a, b)
    if a[field] ~= b[field] then
      if desc then return a[field] > b[field] end
      return a[field] < b[field]
    end
    return a.name < b.name
  end
end
local function names(list) return show(map(list, function(p) return p.name .. ":" .. p.age end)) end
table.sort(people, by("age"))
print("by age", names(people))
table.sort(people, by("age", true))
print("by age desc", names(people))
table.sort(people, by("name", true))
print("by name desc", names(people))
local words = {"banana", "Apple", "cherry", "date", "Elderberry", "fig"}
table.sort(words, function(a, b) return a:lower() < b:lower() end)
print("case-insensitive", show(words))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print("by length", show(words))

-- closures capturing loop variables: each iteration has a fresh variable
local fns = {}
for i = 1, 3 do fns[i] = function() return i * 10 end end
print("loop closures", fns[1](), fns[2](), fns[3]())
local adders = {}
for _, step in ipairs({1, 5, 100}) do
  local total = 0
  adders[#adders + 1] = function() total = total + step; return total end
end
print("adders", adders[1](), adders[1](), adders[2](), adders[3](), adders[2]())
local shared = 0
local bumpers = {}
for i = 1, 3 do bumpers[i] = function() shared = shared + i; return shared end end
print("shared upvalue", bumpers[1](), bumpers[3](), bumpers[2]())
print("shared now", shared)

-- functions stored in tables and called as methods
local calc = {value = 0, history = {}}
function calc:apply(op, n)
  self.value = self.ops[op](self.value, n)
  self.history[#self.history + 1] = op .. n
  return self
end
calc.ops = {
  add = function(a, b) return a + b end,
  mul = function(a, b) return a * b end,
  sub = function(a, b) return a - b end,
}
calc:apply("add", 5):apply("mul", 4):apply("sub", 3)
print("calc", calc.value, show(calc.history))
local dispatch = {}
for _, name in ipairs({"add", "mul", "sub"}) do
  dispatch[name] = function(n) return calc:apply(name, n).value end
end
print("dispatch", dispatch.mul(2), dispatch.sub(4), dispatch.add(0.5))

-- recursion through locals
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("fact", fact(5), fact(12), "even/odd", is_even(10), is_odd(7), is_even(3))
local function flatten(t, out)
  out = out or {}
  for _, v in ipairs(t) do
    if type(v) == "table" then flatten(v, out) else out[#out + 1] = v end
  end
  return out
end
print("flatten", show(flatten({1, {2, {3, 4}, 5}, {{6}}, 7})))
