-- Fibonacci three ways: naive recursion, memoised closure, iteration.
local function fib_naive(n)
  if n < 2 then return n end
  return fib_naive(n - 1) + fib_naive(n - 2)
end

local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then
      v = f(n)
      cache[n] = v
    end
    return v
  end
end

local fib_memo
fib_memo = memoize(function(n)
  if n < 2 then return n end
  return fib_memo(n - 1) + fib_memo(n - 2)
end)

local function fib_iter(n)
  local a, b = 0, 1
  for _ = 1, n do
    a, b = b, a + b
  end
  return a
end

for _, n in ipairs({0, 1, 2, 10, 20}) do
  print(n, fib_naive(n), fib_memo(n), fib_iter(n))
end
print("fib(80) =", fib_iter(80), fib_memo(80))
print("ratio", fib_iter(40) / fib_iter(39))
