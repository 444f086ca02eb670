-- Towers of Hanoi with move recording, plus permutations and combinations.
local moves = {}
local function hanoi(n, from, to, via)
  if n == 0 then return end
  hanoi(n - 1, from, via, to)
  moves[#moves + 1] = from .. "->" .. to
  hanoi(n - 1, via, to, from)
end
hanoi(4, "A", "C", "B")
print(#moves, "moves")
print(table.concat(moves, " ", 1, 8))

local function permutations(list)
  local out = {}
  local function permute(arr, n)
    if n == 1 then
      out[#out + 1] = table.concat(arr)
      return
    end
    for i = 1, n do
      arr[i], arr[n] = arr[n], arr[i]
      permute(arr, n - 1)
      arr[i], arr[n] = arr[n], arr[i]
    end
  end
  permute(list, #list)
  table.sort(out)
  return out
end
print(table.concat(permutations({"a", "b", "c"}), " "))
print(#permutations({1, 2, 3, 4}))

local function combinations(n, k)
  local result = {}
  local combo = {}
  local function go(start, depth)
    if depth > k then
      result[#result + 1] = "{" .. table.concat(combo, ",") .. "}"
      return
    end
    for i = start, n do
      combo[depth] = i
      go(i + 1, depth + 1)
      combo[depth] = nil
    end
  end
  go(1, 1)
  return result
end
print(table.concat(combinations(5, 3), " "))

local function binomial(n, k)
  if k == 0 or k == n then return 1 end
  return binomial(n - 1, k - 1) + binomial(n - 1, k)
end
local row = {}
for k = 0, 10 do row[#row + 1] = binomial(10, k) end
print(table.concat(row, " "))
