-- Bubble, insertion, merge and quick sort, checked against table.sort.
local function copy(t) local r = {} for i, v in ipairs(t) do r[i] = v end return r end

local function bubble(t)
  t = copy(t)
  for i = #t, 2, -1 do
    for j = 1, i - 1 do
      if t[j] > t[j + 1] then t[j], t[j + 1] = t[j + 1], t[j] end
    end
  end
  return t
end

local function insertion(t)
  t = copy(t)
  for i = 2, #t do
    local v, j = t[i], i - 1
    while j >= 1 and t[j] > v do t[j + 1] = t[j]; j = j - 1 end
    t[j + 1] = v
  end
  return t
end

local function merge_sort(t)
  if #t <= 1 then return t end
  local mid = #t // 2
  local left, right = {}, {}
  for i = 1, mid do left[#left + 1] = t[i] end
  for i = mid + 1, #t do right[#right + 1] = t[i] end
  left, right = merge_sort(left), merge_sort(right)
  local out, i, j = {}, 1, 1
  while i <= #left and j <= #right do
    if left[i] <= right[j] then out[#out + 1] = left[i]; i = i + 1
    else out[#out + 1] = right[j]; j = j + 1 end
  end
  for k = i, #left do out[#out + 1] = left[k] end
  for k = j, #right do out[#out + 1] = right[k] end
  return out
end

local function quick(t)
  if #t <= 1 then return t end
  local pivot, less, more, same = t[1], {}, {}, {}
  for _, v in ipairs(t) do
    if v < pivot then less[#less + 1] = v
    elseif v > pivot then more[#more + 1] = v
    else same[#same + 1] = v end
  end
  local out = quick(less)
  for _, v in ipairs(same) do out[#out + 1] = v end
  for _, v in ipairs(quick(more)) do out[#out + 1] = v end
  return out
end

local data = {}
local seed = 7
for i = 1, 25 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  data[i] = seed % 100
end
print("input   ", table.concat(data, " "))
local reference = copy(data)
table.sort(reference)
for _, algo in ipairs({{"bubble", bubble}, {"insert", insertion}, {"merge", merge_sort}, {"quick", quick}}) do
  local out = algo[2](data)
  print(string.format("%-8s", algo[1]), table.concat(out, " ") == table.concat(reference, " "))
end
print("sorted  ", table.concat(reference, " "))
local words = {"delta", "Alpha", "charlie", "bravo", "Echo"}
table.sort(words, function(a, b) return a:lower() < b:lower() end)
print(table.concat(words, " "))
