// look(): the entity's name and description. `world.get` reads a property along the
// prototype chain, so an entity without its own description shows its parent's.
const me: number = std.this();
`${world.get(me, "name")}: ${world.get(me, "description")}`;
