-- Parsing with Lua patterns: key/value config, dates, CSV, trimming, captures.
local config = [[
# comment line
name = Weft Engine
version=1.4.2
debug = true
  max_players =  64
]]

local settings = {}
local keys = {}
for line in config:gmatch("[^\n]+") do
  if not line:match("^%s*#") then
    local k, v = line:match("^%s*([%w_]+)%s*=%s*(.-)%s*$")
    if k then
      settings[k] = v
      keys[#keys + 1] = k
    end
  end
end
for _, k in ipairs(keys) do print(k, "=>", "[" .. settings[k] .. "]") end

local major, minor, patch = settings.version:match("(%d+)%.(%d+)%.(%d+)")
print("version parts", major + 0, minor + 0, patch + 0)

local dates = "born 1990-05-17, moved 2004-11-02, graduated 2012-06-30"
for y, m, d in dates:gmatch("(%d%d%d%d)-(%d%d)-(%d%d)") do
  print(string.format("%s/%s/%s", d, m, y))
end

local csv = "alice,30,paris;bob,25,rome;carol,41,oslo"
for record in csv:gmatch("[^;]+") do
  local fields = {}
  for f in record:gmatch("[^,]+") do fields[#fields + 1] = f end
  print(#fields, fields[1]:upper(), fields[2] * 2, fields[3]:sub(1, 1):upper() .. fields[3]:sub(2))
end

print(("   padded   "):match("^%s*(.-)%s*$") .. "|")
print(("CamelCaseString"):gsub("(%u)", " %1"))
print(("hello world from lua"):gsub("(%w+)", string.upper))
print(("a,b,,c"):gsub(",", ";"))
print(string.find("find the needle here", "needle"))
print(string.find("x = 10", "(%w+)%s*=%s*(%d+)"))
print(("%d items"):format(5), ("test123abc"):match("%a+(%d+)"))
print(("balanced (a (b) c) text"):match("%b()"))
print(("The rain in Spain"):gsub("%f[%w]%w+", function(w) return #w end))
