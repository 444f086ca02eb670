-- describe(text, control): sets the `description` property (needs `entity.control`).
local me = std.this()
world.set(std.arg(1), me, "description", std.arg(0))
return world.get(me, "description")
