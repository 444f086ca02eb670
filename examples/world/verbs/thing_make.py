# make(name, creator): creates a child of this entity with the `sys.create` capability and
# describes it with the `entity.control` capability `world.create` returns for it.
from weft import std, world

me = std.this()
made = world.create(std.arg(1), std.arg(0), me)
child = made[0]
world.set(made[1], child, "description", "made by #" + str(me))
child
