-- shapes: package init that gathers its submodules
print("[shapes] loading package")
local circle = require "shapes.circle"
local square = require("shapes.square")

local shapes = {circle = circle, square = square}

function shapes.total_area(list)
  local total = 0
  for _, item in ipairs(list) do
    total = total + shapes[item.kind].area(item.size)
  end
  return total
end

return shapes
