-- error() with a message, two calls deep.
local function parse_digit(c)
  local n = tonumber(c)
  if n == nil then
    error("not a digit: " .. c)
  end
  return n
end

local function parse(s)
  local value = 0
  for i = 1, #s do
    value = value * 10 + parse_digit(s:sub(i, i))
    print("so far", value)
  end
  return value
end

print(parse("42"))
print(parse("4x2"))
