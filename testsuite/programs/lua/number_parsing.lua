-- tonumber, string coercion and numeric edge cases.
local inputs = {"42", "  17  ", "3.25", "1e3", "0x1F", "-8", "abc", "", "12abc", "5.", ".5", "0x", "1e", "- 1"}
for _, s in ipairs(inputs) do
  local n = tonumber(s)
  print(string.format("%-8s -> %-6s %s", "\"" .. s .. "\"", tostring(n), n and math.type(n) or "-"))
end

print(tonumber("1010", 2), tonumber("ff", 16), tonumber("zz", 36), tonumber("777", 8), tonumber("9", 8))
print(tonumber(12), tonumber(1.5), tonumber(nil))
print("10" + 1, "10" * "2", "3.0" + 1, 10 .. "", -"2", "0x10" * 1)
local function try(f)
  local ok, err = pcall(f)
  return ok, (tostring(err):gsub("^.-:%d+: ", ""))
end
print(try(function() return "abc" + 1 end))
print(try(function() return {} .. "x" end))
print(try(function() return -"x" end))

local function parse_list(s)
  local out, bad = {}, {}
  for item in s:gmatch("[^,]+") do
    local n = tonumber(item)
    if n then out[#out + 1] = n else bad[#bad + 1] = item end
  end
  return out, bad
end
local nums, bad = parse_list("1,2.5,x,4,0x10, 7 ,y2")
local total = 0
for _, n in ipairs(nums) do total = total + n end
print(#nums, total, table.concat(bad, "|"))
print(math.tointeger("8"), math.tointeger(3.0), math.floor(-0.0), 3 == 3.0, math.type(3 // 1), math.type(3 / 1))
print(string.format("%5.1f|%-6d|%+.2e", "2.345", "42", 12345))
