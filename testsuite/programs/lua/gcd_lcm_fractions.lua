-- Fractions with gcd normalisation and exact arithmetic.
local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return math.abs(a)
end

local function frac(n, d)
  if d == 0 then error("zero denominator", 0) end
  if d < 0 then n, d = -n, -d end
  local g = gcd(n, d)
  return {n = n // g, d = d // g}
end

local function add(a, b) return frac(a.n * b.d + b.n * a.d, a.d * b.d) end
local function mul(a, b) return frac(a.n * b.n, a.d * b.d) end
local function show(f)
  if f.d == 1 then return tostring(f.n) end
  return f.n .. "/" .. f.d
end

local sum = frac(0, 1)
for k = 1, 10 do sum = add(sum, frac(1, k)) end
print("H(10) =", show(sum), sum.n / sum.d)

local prod = frac(1, 1)
for k = 2, 8 do prod = mul(prod, frac(k * k - 1, k * k)) end
print("product =", show(prod))

print(show(frac(6, -8)), show(frac(10, 5)), show(add(frac(1, 3), frac(2, 3))))
print(pcall(frac, 1, 0))

local function lcm(a, b) return a // gcd(a, b) * b end
local l = 1
for k = 1, 20 do l = lcm(l, k) end
print("lcm(1..20) =", l)
print(gcd(1071, 462), gcd(0, 9), gcd(-12, 18))

local function egyptian(f)
  local parts = {}
  while f.n ~= 0 do
    local c = (f.d + f.n - 1) // f.n
    parts[#parts + 1] = "1/" .. c
    f = add(f, frac(-1, c))
  end
  return table.concat(parts, " + ")
end
print("4/13 =", egyptian(frac(4, 13)))
