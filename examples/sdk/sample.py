# A Python script calling the Weft SDK. `weft sdk --lang python -o weft.pyi` writes the stub
# a type checker reads for `from weft import ...` (Weft itself accepts the import and ignores it).
from weft import json, list, math, obj, std, str

scores = [7, 3, 9]
ordered = list.sort(list.concat(scores, [5]))
names = obj.keys({"ada": 1, "bob": 2})
print(list.join(ordered, ","), list.len(names), str.upper(list.get(names, 0)))
total: int = list.reduce(ordered, lambda acc, x: acc + x, 0)
print(math.clamp(total, 0, 20), str.repeat("ab", 2), json.stringify({"n": list.len(ordered)}))
std.log(std.typeof(list.new(1, 2)), str.startsWith("weft", "we"))
