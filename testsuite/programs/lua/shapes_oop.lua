-- Object-style code without metatables: constructors returning tables of methods.
local function Shape(name)
  local self = {name = name}
  function self:describe()
    return string.format("%s with area %.2f and perimeter %.2f", self.name, self:area(), self:perimeter())
  end
  return self
end

local function Circle(r)
  local self = Shape("circle")
  self.r = r
  function self:area() return math.pi * self.r ^ 2 end
  function self:perimeter() return 2 * math.pi * self.r end
  return self
end

local function Rect(w, h)
  local self = Shape("rect")
  self.w, self.h = w, h
  function self:area() return self.w * self.h end
  function self:perimeter() return 2 * (self.w + self.h) end
  function self:scale(f)
    self.w = self.w * f
    self.h = self.h * f
    return self
  end
  return self
end

local function Square(s)
  local self = Rect(s, s)
  self.name = "square"
  return self
end

local shapes = {Circle(1), Rect(3, 4), Square(2), Circle(0.5), Rect(1, 10)}
for _, s in ipairs(shapes) do print(s:describe()) end

table.sort(shapes, function(a, b) return a:area() < b:area() end)
local names = {}
for i, s in ipairs(shapes) do names[i] = s.name .. "(" .. string.format("%.1f", s:area()) .. ")" end
print(table.concat(names, " < "))

local r = Rect(2, 3):scale(2):scale(0.5)
print(r.w, r.h, r:area())
local total = 0
for _, s in ipairs(shapes) do total = total + s:area() end
print(string.format("total area %.3f", total))
