-- Arithmetic on a table inside a function called from a loop.
local function total(prices)
  local sum = 0
  for i = 1, #prices do
    sum = sum + prices[i]
    print("running total", sum)
  end
  return sum
end

print("start")
print(total({ 3, 4, {} }))
