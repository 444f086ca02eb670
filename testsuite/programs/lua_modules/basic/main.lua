-- main: a small multi-file project using require, package.loaded caching and packages
print("start")

local util = require("util")
print("util version", util.version)
print("round", util.round(3.14159, 2), util.round(2.5), util.round(-1.25, 1))
print("join", util.join({1, 2, 3}), util.join({"a", "b"}, "-"))
print("map", util.join(util.map({1, 2, 3}, function(x) return x * x end), " "))
print("bracket", util.bracket("x"), util.private_helper)

print("-- submodules")
local circle = require "shapes.circle"
local square = require 'shapes.square'
print(circle.describe(1))
print(square.describe(3))
print("circle perimeter", string.format("%.4f", circle.perimeter(2)))

print("-- package")
local shapes = require("shapes")
print("same circle", shapes.circle == circle, "same square", shapes.square == square)
print("total area", string.format("%.3f", shapes.total_area({
  {kind = "circle", size = 1}, {kind = "square", size = 2}, {kind = "square", size = 3},
})))
print("require shapes again", require("shapes") == shapes)

print("-- caching")
local counter = require("counter")
print("same counter", require('counter') == require('counter'), counter == require "counter")
print("count so far", counter.count)
print("bump", counter.bump(), counter.bump(5))
print("loaded entries", package.loaded["counter"] == counter, package.loaded["shapes.circle"] == circle)
print("util loaded", package.loaded.util == util)

print("-- class module")
local Account = require("account")
local a = Account.new("ann", 100)
local b = Account.new("bob"):deposit(30.5)
print(a, b)
a:deposit(25):withdraw(10)
print("after ops", a, tostring(a))
local ok, err = pcall(function() b:withdraw(1000) end)
print("withdraw too much", ok, err)
print("a < b", a < b, "b < a", b < a, "a == ann", a == Account.new("ann", 0))
print("account metatable", getmetatable(a) == Account)

print("-- modules without return values")
local n1 = require("nothing")
local n2 = require("nothing")
print("nothing gives", n1, n2, package.loaded.nothing)
print("global before", APP_NAME)
local g = require("setglobal")
print("setglobal gives", g)
print("global after", APP_NAME, greet("main"))

print("-- missing module")
local found = pcall(require, "no_such_module")
print("ok", found)
print("still not loaded", package.loaded.no_such_module)

print("done")
