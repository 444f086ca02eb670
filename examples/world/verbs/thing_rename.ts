// rename(new_name, control): sets the `name` property. `world.set` needs an
// `entity.control` capability that covers this entity and the `name` property.
const me: number = std.this();
world.set(std.arg(1), me, "name", std.arg(0));
`#${me} is now called ${world.get(me, "name")}`;
