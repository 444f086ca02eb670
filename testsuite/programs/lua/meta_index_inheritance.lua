-- Class idioms with __index: constructors, methods, three-level inheritance, base calls, __index functions, rawget.
local Animal = {}
Animal.__index = Animal

function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name = name
  self.sound = sound or "..."
  return self
end

function Animal:speak()
  return self.name .. " says " .. self.sound
end

function Animal:kind() return "animal" end

function Animal:describe()
  return self.name .. " is a " .. self:kind()
end

local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog

function Dog.new(name, breed)
  local self = Animal.new(name, "woof")
  self.breed = breed
  return setmetatable(self, Dog)
end

function Dog:kind() return "dog" end

function Dog:speak()
  return Animal.speak(self) .. " (wags tail)"
end

local Puppy = setmetatable({}, {__index = Dog})
Puppy.__index = Puppy

function Puppy.new(name, breed, age)
  local self = Dog.new(name, breed)
  self.age = age
  return setmetatable(self, Puppy)
end

function Puppy:kind() return "puppy (" .. Dog.kind(self) .. ")" end

function Puppy:speak()
  return Dog.speak(self) .. " and yips"
end

local pets = {
  Animal.new("Generic"),
  Animal.new("Cat", "meow"),
  Dog.new("Rex", "collie"),
  Puppy.new("Bit", "beagle", 1),
}
for i, p in ipairs(pets) do
  print(i, p:speak())
  print("", p:describe())
end

print(getmetatable(pets[4]) == Puppy, getmetatable(Puppy).__index == Dog)
print("breed via instance:", pets[4].breed, "age:", pets[4].age)
print("rawget speak on instance:", rawget(pets[4], "speak"))
print("rawget speak on Puppy:", rawget(Puppy, "speak") == Puppy.speak)
print("rawget describe on Puppy:", rawget(Puppy, "describe"))
print("describe found via chain:", Puppy.describe == Animal.describe)

-- __index as a function: defaults and computed fields, counting misses
local misses = 0
local defaults = {color = "grey", size = 3}
local Config = setmetatable({size = 10}, {
  __index = function(t, k)
    misses = misses + 1
    if defaults[k] ~= nil then return defaults[k] end
    if type(k) == "string" and k:sub(1, 4) == "len_" then
      return #k:sub(5)
    end
    return nil
  end,
})
print("size", Config.size)
print("color", Config.color)
print("len_hello", Config.len_hello)
print("missing", Config.missing)
print("misses", misses)
Config.color = "blue"
print("color", Config.color, "misses", misses)
print("rawget color", rawget(Config, "color"), "rawget shape", rawget(Config, "shape"))

-- chained __index tables
local base = {a = 1}
local mid = setmetatable({b = 2}, {__index = base})
local top = setmetatable({c = 3}, {__index = mid})
print(top.a, top.b, top.c, top.d)
base.d = "late"
print("after adding d to base:", top.d)
mid.a = "shadow"
print("mid shadows a:", top.a, rawget(top, "a"), rawget(mid, "a"), base.a)

-- numeric keys through __index
local squares = setmetatable({}, {__index = function(t, n)
  local v = n * n
  rawset(t, n, v)
  return v
end})
for i = 1, 5 do io.write(squares[i], " ") end
print()
print("cached count", #squares, rawget(squares, 6))
