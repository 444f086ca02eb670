-- Records in tables: filtering, grouping and reporting with sorted keys.
local items = {
  {name = "sword", kind = "weapon", weight = 3.5, value = 120},
  {name = "shield", kind = "armor", weight = 6, value = 90},
  {name = "potion", kind = "consumable", weight = 0.5, value = 25},
  {name = "bow", kind = "weapon", weight = 2, value = 80},
  {name = "helmet", kind = "armor", weight = 2.5, value = 60},
  {name = "elixir", kind = "consumable", weight = 0.5, value = 75},
  {name = "dagger", kind = "weapon", weight = 1, value = 40},
}

local function filter(list, pred)
  local out = {}
  for _, x in ipairs(list) do if pred(x) then out[#out + 1] = x end end
  return out
end

local function sum(list, field)
  local s = 0
  for _, x in ipairs(list) do s = s + x[field] end
  return s
end

local groups = {}
for _, item in ipairs(items) do
  local g = groups[item.kind]
  if not g then
    g = {}
    groups[item.kind] = g
  end
  g[#g + 1] = item
end

local kinds = {}
for kind in pairs(groups) do kinds[#kinds + 1] = kind end
table.sort(kinds)
for _, kind in ipairs(kinds) do
  local g = groups[kind]
  table.sort(g, function(a, b) return a.value > b.value end)
  local names = {}
  for i, it in ipairs(g) do names[i] = it.name end
  print(string.format("%-10s n=%d weight=%-5s value=%d  [%s]", kind, #g, sum(g, "weight"), sum(g, "value"),
    table.concat(names, ", ")))
end

local light = filter(items, function(x) return x.weight <= 2 end)
print("light items:", #light)
local best
for _, it in ipairs(items) do
  if not best or it.value / it.weight > best.value / best.weight then best = it end
end
print("best value per weight:", best.name, best.value / best.weight)
print("total weight", sum(items, "weight"), "total value", sum(items, "value"))
