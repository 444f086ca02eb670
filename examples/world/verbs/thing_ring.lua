-- ring(ms, control): announces a ring, sleeps `ms` milliseconds, then counts the ring in the
-- `rings` property. The sleep may outlast the process: the task is saved in the world's
-- SQLite file, and `world tick` in a later process finishes it.
local me = std.this()
local name = world.get(me, "name")
print(name .. " will ring in " .. std.arg(0) .. " ms")
std.sleep(std.arg(0))
local rings = (world.get(me, "rings") or 0) + 1
world.set(std.arg(1), me, "rings", rings)
print(name .. " rings! (" .. rings .. " so far)")
return rings
