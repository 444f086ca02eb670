-- Arithmetic, comparison, __tostring, __concat and __len metamethods on Vector2 and Fraction types.
local Vec = {}
Vec.__index = Vec

local function vec(x, y) return setmetatable({x = x, y = y}, Vec) end
local function isvec(v) return getmetatable(v) == Vec end

Vec.__add = function(a, b)
  if type(a) == "number" then return vec(a + b.x, a + b.y) end
  if type(b) == "number" then return vec(a.x + b, a.y + b) end
  return vec(a.x + b.x, a.y + b.y)
end
Vec.__sub = function(a, b)
  if type(b) == "number" then return vec(a.x - b, a.y - b) end
  return vec(a.x - b.x, a.y - b.y)
end
Vec.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y -- dot product
end
Vec.__div = function(a, s) return vec(a.x / s, a.y / s) end
Vec.__idiv = function(a, s) return vec(a.x // s, a.y // s) end
Vec.__mod = function(a, m) return vec(a.x % m, a.y % m) end
Vec.__pow = function(a, n) return vec(a.x ^ n, a.y ^ n) end
Vec.__unm = function(a) return vec(-a.x, -a.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end
Vec.__tostring = function(a) return "(" .. a.x .. ", " .. a.y .. ")" end
Vec.__concat = function(a, b)
  local sa = isvec(a) and tostring(a) or a
  local sb = isvec(b) and tostring(b) or b
  return sa .. sb
end

local a, b = vec(3, 4), vec(1, -2)
print("a", a, "b", b)
print("a+b", a + b, "a-b", a - b)
print("a+1", a + 1, "10+a", 10 + a, "a-1", a - 1)
print("2*a", 2 * a, "a*3", a * 3, "a*b", a * b)
print("a/2", a / 2, "a//2", a // 2, "a%3", a % 3)
print("a^2", a ^ 2, "-b", -b)
print("#a", #a, "#b", #b)
print("a==vec(3,4)", a == vec(3, 4), "a~=b", a ~= b, "a==a", a == a)
print("vec: " .. a, a .. " is a", "[" .. b .. "]")
print("a .. b = " .. a .. b)
print("tostring", tostring(-a), type(tostring(a)))

-- Fractions with ordering
local Frac = {}
Frac.__index = Frac
local function gcd(m, n) while n ~= 0 do m, n = n, m % n end return math.abs(m) end
local function frac(n, d)
  d = d or 1
  if d < 0 then n, d = -n, -d end
  local g = gcd(n, d)
  return setmetatable({n = n // g, d = d // g}, Frac)
end
local function lift(x) if type(x) == "number" then return frac(x, 1) end return x end
Frac.__add = function(p, q) p, q = lift(p), lift(q) return frac(p.n * q.d + q.n * p.d, p.d * q.d) end
Frac.__sub = function(p, q) p, q = lift(p), lift(q) return frac(p.n * q.d - q.n * p.d, p.d * q.d) end
Frac.__mul = function(p, q) p, q = lift(p), lift(q) return frac(p.n * q.n, p.d * q.d) end
Frac.__div = function(p, q) p, q = lift(p), lift(q) return frac(p.n * q.d, p.d * q.n) end
Frac.__unm = function(p) return frac(-p.n, p.d) end
Frac.__eq = function(p, q) return p.n == q.n and p.d == q.d end
Frac.__lt = function(p, q) p, q = lift(p), lift(q) return p.n * q.d < q.n * p.d end
Frac.__le = function(p, q) p, q = lift(p), lift(q) return p.n * q.d <= q.n * p.d end
Frac.__tostring = function(p)
  if p.d == 1 then return tostring(p.n) end
  return p.n .. "/" .. p.d
end
function Frac:value() return self.n / self.d end

local h, t = frac(1, 2), frac(1, 3)
print("h+t", h + t, "h-t", h - t, "h*t", h * t, "h/t", h / t)
print("1+h", 1 + h, "h*4", h * 4, "3/h", 3 / h, "-t", -t)
print("h<t", h < t, "t<h", t < h, "h<=h", h <= frac(2, 4), "h>t", h > t, "t>=h", t >= h)
print("h<1", h < 1, "2<=h", 2 <= h, "h==2/4", h == frac(2, 4))
print("value", h:value(), (h + t):value())

local list = {frac(3, 4), frac(-1, 2), frac(5, 3), frac(1, 8), frac(2, 3), frac(0), frac(7, 7)}
table.sort(list)
local parts = {}
for i, f in ipairs(list) do parts[i] = tostring(f) end
print("sorted:", table.concat(parts, " "))

local sum = frac(0)
for _, f in ipairs(list) do sum = sum + f end
print("sum", sum, "max", list[#list], "min", list[1])

-- harmonic numbers as fractions
local hsum = frac(0)
for k = 1, 6 do
  hsum = hsum + frac(1, k)
  print(string.format("H(%d) = %s", k, tostring(hsum)))
end
