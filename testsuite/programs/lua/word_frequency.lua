-- Counts words in a text and prints them sorted by count, then alphabetically.
local text = [[
the quick brown fox jumps over the lazy dog the fox
barks and the dog sleeps while the quick fox runs
]]

local counts = {}
local order = {}
for word in text:gmatch("%a+") do
  word = word:lower()
  if counts[word] == nil then
    counts[word] = 0
    order[#order + 1] = word
  end
  counts[word] = counts[word] + 1
end

table.sort(order, function(a, b)
  if counts[a] ~= counts[b] then
    return counts[a] > counts[b]
  end
  return a < b
end)

for i, word in ipairs(order) do
  print(string.format("%2d. %-8s %d", i, word, counts[word]))
end
print("distinct words:", #order)
