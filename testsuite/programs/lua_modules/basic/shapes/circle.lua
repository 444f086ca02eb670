-- shapes.circle
local counter = require("counter")
local circle = {}

function circle.area(r) return math.pi * r * r end
function circle.perimeter(r) return 2 * math.pi * r end
function circle.describe(r)
  counter.bump()
  return string.format("circle r=%g area=%.3f", r, circle.area(r))
end

return circle
