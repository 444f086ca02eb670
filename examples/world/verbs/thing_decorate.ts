// decorate(who): a TypeScript verb: `who of <this entity's name>`.
const me: number = std.this();
const who: string = std.arg(0);
who + " of " + world.get(me, "name");
