-- A deterministic bank queue simulation with a linear congruential generator.
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local tellers = {0, 0, 0}
local queue = {}
local served, waited = 0, 0
local log = {}

for minute = 1, 30 do
  local arrivals = rand(3)
  for _ = 1, arrivals do
    queue[#queue + 1] = {arrived = minute, work = 2 + rand(5)}
  end
  for t = 1, #tellers do
    if tellers[t] > 0 then tellers[t] = tellers[t] - 1 end
    if tellers[t] == 0 and #queue > 0 then
      local customer = table.remove(queue, 1)
      tellers[t] = customer.work
      served = served + 1
      waited = waited + (minute - customer.arrived)
    end
  end
  if minute % 5 == 0 then
    log[#log + 1] = string.format("t=%02d queue=%d busy=%s", minute, #queue,
      table.concat({tellers[1] > 0 and "Y" or "n", tellers[2] > 0 and "Y" or "n", tellers[3] > 0 and "Y" or "n"}))
  end
end

for _, line in ipairs(log) do print(line) end
print("served", served, "still waiting", #queue)
print(string.format("average wait %.2f minutes", waited / served))
local busiest = 1
for t = 2, #tellers do
  if tellers[t] > tellers[busiest] then busiest = t end
end
print("teller with most remaining work:", busiest, tellers[busiest])
