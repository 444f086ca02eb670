-- shapes.square
local counter = require 'counter'
local square = {}

function square.area(s) return s * s end
function square.perimeter(s) return 4 * s end
function square.describe(s)
  counter.bump(10)
  return string.format("square s=%g area=%g", s, square.area(s))
end

return square
