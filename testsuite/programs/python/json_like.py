# Pretty-printing nested data in a JSON-like style, by hand.

def render(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for k in value:
            parts.append(pad + "  " + repr(k) + ": " + render(value[k], indent + 1))
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = ", ".join(render(v, indent + 1) for v in value)
        return "[" + inner + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)

doc = {
    "name": "weft",
    "version": (0, 1),
    "tags": ["vm", "jit"],
    "ok": True,
    "ratio": 0.25,
    "deps": {"serde": {"features": ["derive"]}, "empty": {}},
    "missing": None,
}
print(render(doc))
print(render([]), render({}), render([1, [2, [3]]]))
def depth(v):
    if isinstance(v, dict):
        return 1 + max([depth(x) for x in v.values()], default=0)
    if isinstance(v, list):
        return 1 + max([depth(x) for x in v], default=0)
    return 0
print(depth(doc), depth([]), depth(3))
