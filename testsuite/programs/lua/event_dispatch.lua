-- An event bus with handlers, priorities, once-handlers and error isolation.
local Bus = {}

function Bus.new()
  return {handlers = {}, log = {}}
end

function Bus.on(bus, event, fn, priority, once)
  local list = bus.handlers[event]
  if not list then
    list = {}
    bus.handlers[event] = list
  end
  list[#list + 1] = {fn = fn, priority = priority or 0, once = once, seq = #list}
  table.sort(list, function(a, b)
    if a.priority ~= b.priority then return a.priority > b.priority end
    return a.seq < b.seq
  end)
end

function Bus.emit(bus, event, ...)
  local list = bus.handlers[event]
  if not list then return 0 end
  local called = 0
  local keep = {}
  for _, h in ipairs(list) do
    local ok, err = pcall(h.fn, ...)
    called = called + 1
    if not ok then
      bus.log[#bus.log + 1] = event .. " handler failed: " .. tostring(err)
    end
    if not h.once then keep[#keep + 1] = h end
  end
  bus.handlers[event] = keep
  return called
end

local bus = Bus.new()
local total = 0
Bus.on(bus, "damage", function(n) total = total + n print("armor absorbs", n // 2) end, 10)
Bus.on(bus, "damage", function(n) print("health loses", n - n // 2) end)
Bus.on(bus, "damage", function() error({reason = "bad handler"}) end, 5)
Bus.on(bus, "damage", function(n) print("first hit bonus for", n) end, 20, true)
Bus.on(bus, "heal", function(n, who) print(who, "heals", n) end)

print("called", Bus.emit(bus, "damage", 10))
print("called", Bus.emit(bus, "damage", 7))
print("called", Bus.emit(bus, "heal", 5, "cleric"))
print("called", Bus.emit(bus, "unknown"))
print("total damage seen", total)
for i, entry in ipairs(bus.log) do
  print(i, (entry:gsub("table: 0x%x+", "<table>")))
end
