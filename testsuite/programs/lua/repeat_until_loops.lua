-- Loops of every kind: while, repeat-until with locals, numeric steps, nested breaks.
local n, steps = 27, 0
repeat
  if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end
  steps = steps + 1
until n == 1
print("collatz(27) steps:", steps)

local i = 10
local out = {}
while i > 0 do
  out[#out + 1] = i
  i = i - 3
end
print(table.concat(out, " "))

for x = 1.0, 2.0, 0.25 do io.write(x, " ") end
print()
for x = 5, 1, -2 do io.write(x, " ") end
print()
for x = 1, 3 do
  for y = 1, 3 do
    if y > x then break end
    io.write(x, "", y, " ")
  end
end
print()

local found
for a = 1, 20 do
  for b = a, 20 do
    local c = math.sqrt(a * a + b * b)
    if c == math.floor(c) and a + b + c == 24 then
      found = {a, b, math.tointeger(c)}
      break
    end
  end
  if found then break end
end
print("triple:", table.concat(found, ","))

local attempts = 0
local value
repeat
  attempts = attempts + 1
  local candidate = attempts * attempts
  value = candidate
until candidate > 50
print("first square over 50:", value, "after", attempts)

local k = 0
while true do
  k = k + 1
  if k >= 4 then break end
end
print("k", k)
for idx = 3, 1 do print("never", idx) end
print("done")
