# shout(name): a Python verb that upper-cases the name and hands it to the TypeScript verb
# `decorate` on the same entity.
from weft import std, world

me = std.this()
world.call(me, "decorate", std.arg(0).upper()) + "!"
