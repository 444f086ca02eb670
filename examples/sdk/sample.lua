-- A Lua script calling the Weft SDK. `weft sdk --lang lua -o weft.lua` writes the LuaLS
-- annotations an editor reads (put the file in the workspace's library path).
local ordered = list.sort(list.concat(list.new(7, 3, 9), list.new(5)))
local names = obj.keys(json.parse('{"ada": 1, "bob": 2}'))
print(list.join(ordered, ","), list.len(names), str.upper(list.get(names, 0)))
local total = 0
for i = 0, list.len(ordered) - 1 do
  total = total + list.get(ordered, i)
end
print(math.clamp(total, 0, 20), str.trim("  ab  "), json.stringify(names))
std.log(std.typeof(list.new(1, 2)), str.startsWith("weft", "we"))
