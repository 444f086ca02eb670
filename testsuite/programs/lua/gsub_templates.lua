-- A tiny template engine on top of gsub with table and function replacements.
local function render(template, vars)
  return (template:gsub("{{%s*([%w_%.]+)%s*}}", function(path)
    local value = vars
    for part in path:gmatch("[^%.]+") do
      if type(value) ~= "table" then return "?" end
      value = value[part]
    end
    if value == nil then return "" end
    return tostring(value)
  end))
end

local vars = {
  user = {name = "Ada", level = 7},
  score = 1234.5,
  title = "Report",
}

print(render("{{title}}: {{ user.name }} (level {{user.level}}) scored {{score}}{{missing}}!", vars))
print(render("{{user.name.first}} / {{nothing.here}}", vars))

local escapes = {["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;"}
local html, n = ("<a & b>"):gsub("[<>&]", escapes)
print(html, n)

local snake = ("someVariableName"):gsub("%u", function(c) return "_" .. c:lower() end)
print(snake)
local camel = ("another_variable_name"):gsub("_(%l)", string.upper)
print(camel)

local trimmed = {}
for _, s in ipairs({"  a  ", "b   ", "   c", "d"}) do
  trimmed[#trimmed + 1] = "[" .. s:gsub("^%s+", ""):gsub("%s+$", "") .. "]"
end
print(table.concat(trimmed))
print(("x"):rep(3, ", "), ("abc"):gsub("", "-"))
print(("hello"):gsub("l", {l = false}), ("hello"):gsub(".", {h = "H", o = 0}))
