-- A stack and a queue built on tables, with methods.
local Stack = {}
Stack.__index = Stack

local function new_stack()
  return { items = {}, size = 0, push = Stack.push, pop = Stack.pop, peek = Stack.peek }
end

function Stack.push(self, v)
  self.size = self.size + 1
  self.items[self.size] = v
end

function Stack.pop(self)
  if self.size == 0 then return nil end
  local v = self.items[self.size]
  self.items[self.size] = nil
  self.size = self.size - 1
  return v
end

function Stack.peek(self)
  return self.items[self.size]
end

local function new_queue()
  local q = { first = 1, last = 0, items = {} }
  function q:push(v)
    self.last = self.last + 1
    self.items[self.last] = v
  end
  function q:pop()
    if self.first > self.last then return nil end
    local v = self.items[self.first]
    self.items[self.first] = nil
    self.first = self.first + 1
    return v
  end
  function q:len() return self.last - self.first + 1 end
  return q
end

local s = new_stack()
for i = 1, 5 do s:push(i * 10) end
print("peek", s:peek(), "size", s.size)
while s.size > 0 do io.write(s:pop(), " ") end
print()
print("empty pop", s:pop())

local q = new_queue()
for _, name in ipairs({"ann", "bob", "cid"}) do q:push(name) end
print("queue length", q:len())
print(q:pop(), q:pop())
q:push("dan")
print(q:pop(), q:pop(), q:pop(), q:len())
