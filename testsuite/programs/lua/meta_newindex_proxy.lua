-- __newindex as function and table, read-only tables, tracking proxies, rawset, getmetatable and __metatable.
local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k, v)
      error("attempt to modify read-only field '" .. tostring(k) .. "'")
    end,
  })
end

local days = readonly({"Mon", "Tue", "Wed"})
print(days[1], days[2], days[3], days[4])
local ok, err = pcall(function() days[4] = "Thu" end)
print(ok, err)
ok, err = pcall(function() days.name = "week" end)
print(ok, err)
print("still", days[4], days.name)

-- error with level 2 blames the caller
local strict = setmetatable({}, {
  __newindex = function(t, k, v)
    if type(v) ~= "number" then
      error("only numbers allowed, got " .. type(v))
    end
    rawset(t, k, v)
  end,
})
strict.x = 10
ok, err = pcall(function() strict.y = "ten" end)
print(ok, err)
print("strict.x", strict.x, "strict.y", strict.y)

-- __newindex as a table: writes are redirected
local store = {}
local front = setmetatable({}, {__newindex = store, __index = store})
front.a = 1
front.b = 2
print("front.a", front.a, "rawget front a", rawget(front, "a"), "store.a", store.a)
rawset(front, "c", 3)
print("rawset c:", rawget(front, "c"), store.c)
front.c = 30  -- existing raw key: no metamethod
print("after front.c=30:", rawget(front, "c"), store.c)

-- a tracking proxy logging every read and write
local function track(t, name)
  local log = {}
  local proxy = setmetatable({}, {
    __index = function(_, k)
      log[#log + 1] = "get " .. tostring(k)
      return t[k]
    end,
    __newindex = function(_, k, v)
      log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v)
      t[k] = v
    end,
  })
  return proxy, log
end

local data = {count = 0}
local p, log = track(data, "data")
p.count = p.count + 1
p.count = p.count + 1
p.label = "hits"
local _ = p.label .. ":" .. p.count
p.count = nil
print("data.count", data.count, "data.label", data.label)
for i, line in ipairs(log) do print(i, line) end

-- a proxy that only accepts fields declared up front
local function record(fields)
  local values = {}
  local allowed = {}
  for _, f in ipairs(fields) do allowed[f] = true end
  return setmetatable({}, {
    __index = values,
    __newindex = function(_, k, v)
      if not allowed[k] then error("unknown field " .. k) end
      values[k] = v
    end,
  })
end
local pt = record({"x", "y"})
pt.x, pt.y = 3, 4
print("pt", pt.x, pt.y)
print(pcall(function() pt.z = 5 end))

-- getmetatable and __metatable protection
local mt = {__index = {hidden = "yes"}}
local obj = setmetatable({}, mt)
print("getmetatable == mt:", getmetatable(obj) == mt, obj.hidden)
print("no metatable:", getmetatable({}))
mt.__metatable = "locked"
print("protected:", getmetatable(obj))
ok, err = pcall(setmetatable, obj, {})
print(ok, err)
print("still works:", obj.hidden)
local setret = setmetatable({}, {__metatable = false})
print("__metatable false:", getmetatable(setret))
