-- Serialises nested tables to a JSON-like string with sorted keys.
local function is_array(t)
  local n = #t
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

local serialize

local function serialize_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    if c == "\n" then return "\\n" end
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function serialize(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "table" then
    local inner = indent .. "  "
    local items = {}
    if is_array(v) then
      for _, x in ipairs(v) do items[#items + 1] = inner .. serialize(x, inner) end
      if #items == 0 then return "[]" end
      return "[\n" .. table.concat(items, ",\n") .. "\n" .. indent .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for _, k in ipairs(keys) do
      items[#items + 1] = inner .. serialize_string(k) .. ": " .. serialize(v[k], inner)
    end
    return "{\n" .. table.concat(items, ",\n") .. "\n" .. indent .. "}"
  elseif t == "string" then
    return serialize_string(v)
  elseif v == nil then
    return "null"
  else
    return tostring(v)
  end
end

local doc = {
  name = "widget",
  tags = {"a", "b\n", 'q"uote'},
  size = {w = 10, h = 2.5},
  active = true,
  parts = {},
  count = 3,
}
print(serialize(doc))
print(serialize({1, 2, {3, {4}}}))
