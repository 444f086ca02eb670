-- Assorted metatable behaviour: __tostring with format/concat, rawequal, rawlen vs __len, __eq rules, shared metatables, defaults, Stack/Queue.
local Point = {}
Point.__index = Point
Point.__tostring = function(p) return string.format("Point<%d,%d>", p.x, p.y) end
Point.__eq = function(p, q)
  print("  (__eq called)")
  return p.x == q.x and p.y == q.y
end
local function point(x, y) return setmetatable({x = x, y = y}, Point) end

local p1, p2, p3 = point(1, 2), point(1, 2), point(5, 6)
print(tostring(p1), p3)
print(string.format("format: %s and %s", p1, p3))
print(string.format("padded: [%12s]", p1))
local ok, err = pcall(function() return "p1 is " .. p1 end)
-- lua5.4 puts the position before the message and names the operand after it
-- ("(upvalue 'p1')"); print the message itself.
print("concat ok?", ok, (err:gsub(" %(.*%)$", ""):gsub("^[^:]*:%d+: ", "")))
print("concat via tostring:", "p1 is " .. tostring(p1))

print("p1 == p2:")
print(p1 == p2)
print("p1 == p1 (same object, no call):")
print(p1 == p1)
print("rawequal(p1, p2):", rawequal(p1, p2), "rawequal(p1, p1):", rawequal(p1, p1))
print("p1 == 5 (different types, no call):", p1 == 5)
print("p1 == 'x':", p1 == "x")
print("p1 ~= p3:")
print(p1 ~= p3)

-- setmetatable returns its first argument
local t = {}
local r = setmetatable(t, Point)
print("setmetatable returns t:", r == t, rawequal(r, t))
print("removing metatable:", getmetatable(setmetatable(t, nil)))

-- a metatable shared by many objects
local shared = {__index = {greet = function(self) return "hi " .. self.name end}}
local people = {}
for i, name in ipairs({"ann", "bob", "cy"}) do
  people[i] = setmetatable({name = name}, shared)
end
local same = true
for _, p in ipairs(people) do same = same and getmetatable(p) == shared end
print("all share metatable:", same)
shared.__index.greet = function(self) return "hello " .. self.name end
for _, p in ipairs(people) do print(p:greet()) end

-- rawlen vs __len
local fake = setmetatable({10, 20, 30}, {__len = function() return 99 end})
print("#fake", #fake, "rawlen", rawlen(fake), "rawlen string", rawlen("abcd"))

-- default-value dictionary
local counts = setmetatable({}, {__index = function() return 0 end})
for word in ("the cat and the hat and the bat"):gmatch("%a+") do
  counts[word] = counts[word] + 1
end
local words = {}
for w in pairs(counts) do words[#words + 1] = w end
table.sort(words)
for _, w in ipairs(words) do print(w, counts[w]) end
print("unseen:", counts.dog, rawget(counts, "dog"))

-- Stack and Queue with __len and __tostring
local Stack = {}
Stack.__index = Stack
Stack.__len = function(s) return s.n end
Stack.__tostring = function(s)
  local parts = {}
  for i = 1, s.n do parts[i] = tostring(s.items[i]) end
  return "Stack[" .. table.concat(parts, ",") .. "]"
end
function Stack.new() return setmetatable({items = {}, n = 0}, Stack) end
function Stack:push(v) self.n = self.n + 1; self.items[self.n] = v; return self end
function Stack:pop()
  if self.n == 0 then return nil end
  local v = self.items[self.n]
  self.items[self.n] = nil
  self.n = self.n - 1
  return v
end

local Queue = {}
Queue.__index = Queue
Queue.__len = function(q) return q.last - q.first + 1 end
Queue.__tostring = function(q)
  local parts = {}
  for i = q.first, q.last do parts[#parts + 1] = tostring(q.items[i]) end
  return "Queue<" .. table.concat(parts, " ") .. ">"
end
function Queue.new() return setmetatable({items = {}, first = 1, last = 0}, Queue) end
function Queue:enqueue(v) self.last = self.last + 1; self.items[self.last] = v end
function Queue:dequeue()
  if #self == 0 then return nil end
  local v = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return v
end

local s = Stack.new():push(1):push("two"):push(p3)
print(s, #s)
local top = s:pop()
print("pop", top, "pop", s:pop())
print(s, #s)
local q = Queue.new()
for i = 1, 4 do q:enqueue(i * i) end
print(q, #q)
local first = q:dequeue()
print("dequeue", first, q:dequeue())
print(q, #q)
q:enqueue("x")
print(q, #q, "rawlen", rawlen(q))
while #q > 0 do io.write(tostring(q:dequeue()), ";") end
print(" empty:", q, #q, q:dequeue())
