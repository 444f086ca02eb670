-- Bitwise operators on integers: masks, popcount, parity, shifts, hashing.
local function popcount(x)
  local n = 0
  while x ~= 0 do
    x = x & (x - 1)
    n = n + 1
  end
  return n
end

local function to_binary(x, width)
  local bits = {}
  for i = width - 1, 0, -1 do
    bits[#bits + 1] = (x >> i) & 1
  end
  return table.concat(bits)
end

for _, v in ipairs({0, 1, 5, 255, 1023, 0x5555}) do
  print(string.format("%6d %s popcount=%d", v, to_binary(v, 16), popcount(v)))
end

print(0xF0 | 0x0F, 0xFF & 0x3C, 0xFF ~ 0x0F, ~0xFF, 1 << 62, 1 << 63, (1 << 63) >> 63)
print(-1 >> 1, -1 << 1, 5 >> -1, 5 << -1, 1 << 64, 2^31 | 0)

local function fnv1a(s)
  local hash = 2166136261
  for i = 1, #s do
    hash = hash ~ s:byte(i)
    hash = (hash * 16777619) & 0xFFFFFFFF
  end
  return hash
end
for _, s in ipairs({"", "a", "hello", "weft"}) do
  print(string.format("fnv1a(%q) = %08x", s, fnv1a(s)))
end

local flags = {READ = 1, WRITE = 2, EXEC = 4}
local perms = flags.READ | flags.EXEC
local names = {"READ", "WRITE", "EXEC"}
for _, name in ipairs(names) do
  print(name, perms & flags[name] ~= 0)
end
print("wrapping multiply:", math.maxinteger * 3, math.mininteger // -1)
