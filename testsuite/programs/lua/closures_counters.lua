-- Closures sharing upvalues, generators and function composition.
local function make_counter(step)
  local count = 0
  local function inc() count = count + step return count end
  local function get() return count end
  local function reset() count = 0 end
  return inc, get, reset
end

local inc, get, reset = make_counter(5)
inc() inc()
print("count", get())
reset()
print("after reset", get(), inc())

local function compose(...)
  local fs = {...}
  return function(x)
    for i = #fs, 1, -1 do x = fs[i](x) end
    return x
  end
end

local double = function(x) return x * 2 end
local succ = function(x) return x + 1 end
print(compose(double, succ)(5), compose(succ, double)(5), compose()(7))

local function curry(f, a)
  return function(...) return f(a, ...) end
end
local add3 = function(a, b, c) return a + b + c end
print(curry(curry(add3, 1), 2)(3))

local adders = {}
for i = 1, 4 do adders[i] = function(x) return x + i end end
local results = {}
for i, f in ipairs(adders) do results[i] = f(10) end
print(table.concat(results, " "))

local function gen_squares(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i, i * i end
  end
end
for i, sq in gen_squares(5) do io.write(i, ":", sq, " ") end
print()
