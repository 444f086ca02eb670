-- A singly linked list with insertion, removal, reversal and iteration.
local List = {}

function List.new() return {head = nil, size = 0} end

function List.push_front(l, v)
  l.head = {value = v, next = l.head}
  l.size = l.size + 1
end

function List.push_back(l, v)
  local node = {value = v}
  if not l.head then
    l.head = node
  else
    local cur = l.head
    while cur.next do cur = cur.next end
    cur.next = node
  end
  l.size = l.size + 1
end

function List.remove(l, v)
  local prev, cur = nil, l.head
  while cur do
    if cur.value == v then
      if prev then prev.next = cur.next else l.head = cur.next end
      l.size = l.size - 1
      return true
    end
    prev, cur = cur, cur.next
  end
  return false
end

function List.reverse(l)
  local prev, cur = nil, l.head
  while cur do
    cur.next, prev, cur = prev, cur, cur.next
  end
  l.head = prev
end

function List.iter(l)
  local cur = l.head
  return function()
    if cur then
      local v = cur.value
      cur = cur.next
      return v
    end
  end
end

function List.tostring(l)
  local parts = {}
  for v in List.iter(l) do parts[#parts + 1] = tostring(v) end
  return "(" .. table.concat(parts, " -> ") .. ")"
end

local l = List.new()
for i = 1, 5 do List.push_back(l, i) end
List.push_front(l, 0)
print(List.tostring(l), l.size)
print(List.remove(l, 3), List.remove(l, 42))
List.reverse(l)
print(List.tostring(l), l.size)
local sum = 0
for v in List.iter(l) do sum = sum + v end
print("sum", sum)
