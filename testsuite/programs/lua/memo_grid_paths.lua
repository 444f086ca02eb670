-- Dynamic programming: grid paths, longest common subsequence, coin change, knapsack.
local function grid_paths(w, h)
  local memo = {}
  local function go(x, y)
    if x == w or y == h then return 1 end
    local key = x .. "," .. y
    if memo[key] then return memo[key] end
    local v = go(x + 1, y) + go(x, y + 1)
    memo[key] = v
    return v
  end
  return go(0, 0)
end
print("paths 2x2:", grid_paths(2, 2), "paths 10x10:", grid_paths(10, 10), "16x16:", grid_paths(16, 16))

local function lcs(a, b)
  local dp = {}
  for i = 0, #a do
    dp[i] = {}
    for j = 0, #b do
      if i == 0 or j == 0 then dp[i][j] = 0
      elseif a:sub(i, i) == b:sub(j, j) then dp[i][j] = dp[i - 1][j - 1] + 1
      else dp[i][j] = math.max(dp[i - 1][j], dp[i][j - 1]) end
    end
  end
  local out, i, j = {}, #a, #b
  while i > 0 and j > 0 do
    if a:sub(i, i) == b:sub(j, j) then
      table.insert(out, 1, a:sub(i, i))
      i, j = i - 1, j - 1
    elseif dp[i - 1][j] >= dp[i][j - 1] then i = i - 1
    else j = j - 1 end
  end
  return dp[#a][#b], table.concat(out)
end
print("lcs:", lcs("AGGTAB", "GXTXAYB"))
print("lcs:", lcs("scripting", "sandboxing"))

local function coin_change(coins, amount)
  local ways = {[0] = 1}
  for i = 1, amount do ways[i] = 0 end
  for _, c in ipairs(coins) do
    for i = c, amount do ways[i] = ways[i] + ways[i - c] end
  end
  return ways[amount]
end
print("ways to make 100:", coin_change({1, 5, 10, 25, 50}, 100))

local function knapsack(items, cap)
  local best = {}
  for w = 0, cap do best[w] = 0 end
  for _, it in ipairs(items) do
    for w = cap, it.w, -1 do
      best[w] = math.max(best[w], best[w - it.w] + it.v)
    end
  end
  return best[cap]
end
print("knapsack:", knapsack({{w = 1, v = 1}, {w = 3, v = 4}, {w = 4, v = 5}, {w = 5, v = 7}}, 7))
