-- greet(name): a Lua verb that asks the Python verb `shout` on the same entity.
local me = std.this()
return "<" .. world.call(me, "shout", std.arg(0)) .. ">"
