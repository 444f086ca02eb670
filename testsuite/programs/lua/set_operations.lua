-- Sets as tables keyed by element: union, intersection, difference, subsets.
local function Set(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

local function elements(s)
  local out = {}
  for k in pairs(s) do out[#out + 1] = k end
  table.sort(out)
  return out
end

local function show(s) return "{" .. table.concat(elements(s), ", ") .. "}" end

local function union(a, b)
  local r = {}
  for k in pairs(a) do r[k] = true end
  for k in pairs(b) do r[k] = true end
  return r
end

local function intersection(a, b)
  local r = {}
  for k in pairs(a) do if b[k] then r[k] = true end end
  return r
end

local function difference(a, b)
  local r = {}
  for k in pairs(a) do if not b[k] then r[k] = true end end
  return r
end

local function subset(a, b)
  for k in pairs(a) do if not b[k] then return false end end
  return true
end

local evens = Set({2, 4, 6, 8, 10})
local primes = Set({2, 3, 5, 7})
local small = Set({2, 4})
print("evens", show(evens))
print("union", show(union(evens, primes)))
print("inter", show(intersection(evens, primes)))
print("diff", show(difference(evens, primes)), show(difference(primes, evens)))
print("subset", subset(small, evens), subset(evens, small), subset({}, small))

local words = Set({"lua", "python", "typescript"})
words.python = nil
words.rust = true
print(show(words))
local removed = 0
for k in pairs(evens) do
  if k > 5 then evens[k] = nil removed = removed + 1 end
end
print("removed", removed, show(evens))
