# delegate(verb, text, control): narrows `control` to this entity's description and calls
# `verb` with it. Narrowing only ever removes rights: with `describe` the call succeeds, with
# `rename` it is denied, and a control scoped to another entity cannot be re-scoped to this one.
from weft import std, world

me = std.this()
only_description = std.narrow(std.arg(2), {"entity": me, "prop": "description"})
world.call(me, std.arg(0), std.arg(1), only_description)
