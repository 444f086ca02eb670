-- Multiple returns and varargs: select, pack/unpack, nothing vs nil, truncation vs expansion, forwarding, nil holes.
local function none() end
local function one_nil() return nil end
local function three() return 1, 2, 3 end
local function pair(a, b) return b, a end

print("none():")
print(none())
print("one_nil():")
print(one_nil())
print("count none", select("#", none()), "count one_nil", select("#", one_nil()))
print("three()", three())
print("middle truncates:", three(), 10)
print("end expands:", 10, three())
print("parens truncate:", (three()))
print("none in middle:", none(), "x")
print("none at end:", "x", none())

local t = {three()}
print("#{three()}", #t)
t = {three(), three()}
print("{three(), three()}", table.concat(t, ","))
t = {three(), 9}
print("{three(), 9}", table.concat(t, ","))
t = {(three())}
print("{(three())}", #t)

-- multiple assignment from calls
local a, b, c, d = three()
print("a,b,c,d =", a, b, c, d)
a, b, c = three(), 20
print("a,b,c =", a, b, c)
a, b = pair(three())
print("pair(three())", a, b)
a, b = 5, 6
a, b = b, a
print("swapped", a, b)

-- select
print("select(2, ...)", select(2, "a", "b", "c"))
print("select(-1, ...)", select(-1, "a", "b", "c"))
print("select(-2, ...)", select(-2, "a", "b", "c"))
print("select('#')", select("#"), select("#", nil), select("#", nil, nil))
print("(select(2, ...))", (select(2, "a", "b", "c")))

-- varargs functions
local function describe(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[#parts + 1] = tostring(v)
  end
  return n .. ": " .. table.concat(parts, " ")
end
print(describe())
print(describe(nil))
print(describe(1, nil, 3))
print(describe(nil, nil, nil))
print(describe(three()))
print(describe(three(), nil))
print(describe(none()))
print(describe(none(), none()))

-- table.pack and table.unpack
local packed = table.pack(1, nil, 3, nil)
print("packed.n", packed.n, packed[1], packed[2], packed[3], packed[4])
print("unpack with n", table.unpack(packed, 1, packed.n))
print("unpack range", table.unpack({10, 20, 30, 40, 50}, 2, 4))
print("unpack empty range", table.unpack({1, 2}, 3, 2))
print("count unpack", select("#", table.unpack({1, 2, 3})))
print("pack empty n", table.pack().n)

-- forwarding
local function wrap(f)
  return function(...)
    return f(...)
  end
end
local function log_call(name, f)
  return function(...)
    print("  calling " .. name .. " with " .. select("#", ...) .. " args")
    return f(...)
  end
end
print("wrap(three)", wrap(three)())
print("wrap(none) count", select("#", wrap(none)()))
local logged = log_call("describe", describe)
print(logged("x", nil, "z"))
print(logged())

local function first_and_rest(first, ...)
  return first, select("#", ...), ...
end
print("first_and_rest", first_and_rest("a", "b", nil))
print("first_and_rest()", first_and_rest())

local function vararg_table(...)
  local args = {...}
  local args2 = {n = select("#", ...), ...}
  return #args, args2.n
end
print("vararg_table", vararg_table(1, 2, 3))
print("vararg_table nils", select(2, vararg_table(nil, nil)))

-- string functions returning multiple values
local s, e = string.find("hello world", "o w")
print("find", s, e)
print("gsub", string.gsub("aaa", "a", "b"))
print("gsub truncated", (string.gsub("aaa", "a", "b")))
print("byte", string.byte("ABC", 1, 3))
print("math", math.max(three()), math.min(three(), 0))
