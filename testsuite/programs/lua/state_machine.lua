-- A traffic-light state machine and a vending machine driven by event tables.
local light = {
  states = {
    red = {next = "green", duration = 30},
    green = {next = "yellow", duration = 25},
    yellow = {next = "red", duration = 5},
  },
  current = "red",
}

local elapsed = 0
local timeline = {}
for _ = 1, 7 do
  local s = light.states[light.current]
  timeline[#timeline + 1] = string.format("%s@%d", light.current, elapsed)
  elapsed = elapsed + s.duration
  light.current = s.next
end
print(table.concat(timeline, " "))

local machine = {state = "idle", credit = 0, stock = {cola = 2, chips = 1}, prices = {cola = 150, chips = 100}}
local transitions = {
  idle = {
    coin = function(m, v) m.credit = m.credit + v m.state = "paying" return "credit " .. m.credit end,
  },
  paying = {
    coin = function(m, v) m.credit = m.credit + v return "credit " .. m.credit end,
    select = function(m, item)
      local price = m.prices[item]
      if not price then return "unknown item " .. item end
      if (m.stock[item] or 0) == 0 then return item .. " sold out" end
      if m.credit < price then return "need " .. (price - m.credit) .. " more" end
      m.stock[item] = m.stock[item] - 1
      m.credit = m.credit - price
      if m.credit == 0 then m.state = "idle" end
      return "vend " .. item .. ", change due " .. m.credit
    end,
    refund = function(m) local c = m.credit m.credit = 0 m.state = "idle" return "refund " .. c end,
  },
}

local events = {
  {"select", "cola"}, {"coin", 100}, {"select", "cola"}, {"coin", 50}, {"select", "cola"},
  {"coin", 200}, {"select", "tea"}, {"select", "cola"}, {"select", "cola"}, {"select", "chips"}, {"refund"},
}
for i, ev in ipairs(events) do
  local handler = transitions[machine.state][ev[1]]
  local result = handler and handler(machine, ev[2]) or ("ignored " .. ev[1] .. " in " .. machine.state)
  print(i, machine.state, result)
end
print("stock:", machine.stock.cola, machine.stock.chips, "credit:", machine.credit)
