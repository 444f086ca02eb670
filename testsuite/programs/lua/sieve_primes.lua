-- Sieve of Eratosthenes and a few prime utilities.
local function sieve(n)
  local is = {}
  for i = 2, n do is[i] = true end
  for i = 2, math.floor(math.sqrt(n)) do
    if is[i] then
      for j = i * i, n, i do is[j] = false end
    end
  end
  local primes = {}
  for i = 2, n do
    if is[i] then primes[#primes + 1] = i end
  end
  return primes
end

local primes = sieve(100)
print(#primes, table.concat(primes, " "))

local function factorize(n)
  local factors = {}
  local d = 2
  while d * d <= n do
    while n % d == 0 do
      factors[#factors + 1] = d
      n = n // d
    end
    d = d + 1
  end
  if n > 1 then factors[#factors + 1] = n end
  return factors
end

for _, n in ipairs({12, 97, 360, 1001, 65536, 999983}) do
  print(n, "=", table.concat(factorize(n), " x "))
end

local twins = {}
for i = 1, #primes - 1 do
  if primes[i + 1] - primes[i] == 2 then
    twins[#twins + 1] = "(" .. primes[i] .. "," .. primes[i + 1] .. ")"
  end
end
print("twin primes:", table.concat(twins, " "))
