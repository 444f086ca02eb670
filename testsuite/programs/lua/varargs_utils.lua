-- Variadic functions: select, table.pack/unpack, forwarding and multiple returns.
local function count_nils(...)
  local n = 0
  for i = 1, select("#", ...) do
    if select(i, ...) == nil then n = n + 1 end
  end
  return n
end
print(count_nils(1, nil, 3, nil, nil))

local function sum(...)
  local total = 0
  local args = table.pack(...)
  for i = 1, args.n do total = total + (args[i] or 0) end
  return total, args.n
end
print(sum(1, 2, 3, nil, 4))

local function forward(f, ...)
  return f(...)
end
print(forward(math.max, 3, 9, 4), forward(string.rep, "ab", 3))

local function minmax(...)
  local lo, hi = math.huge, -math.huge
  for _, v in ipairs({...}) do
    if v < lo then lo = v end
    if v > hi then hi = v end
  end
  return lo, hi
end
local lo, hi = minmax(5, -2, 8, 3.5)
print(lo, hi)
print(minmax(1))

local function tail(first, ...)
  return ...
end
print(tail(1, 2, 3), (tail(1, 2, 3)))
local t = {tail(1, 2, 3), tail(4, 5, 6)}
print(#t, table.concat(t, ","))
print(table.unpack({1, 2, 3}, 2, 3))
print(select(-2, "a", "b", "c"))

local function range(n, m, step)
  local out = {}
  for i = n, m, step or 1 do out[#out + 1] = i end
  return table.unpack(out)
end
print(range(1, 5))
print(range(10, 0, -4))
print(string.format("%s-%s-%s", range(7, 9)))
