-- Conway's game of life on a small torus.
local W, H = 10, 8
local function new_grid()
  local g = {}
  for y = 1, H do
    g[y] = {}
    for x = 1, W do g[y][x] = false end
  end
  return g
end

local grid = new_grid()
-- a glider and a blinker
for _, p in ipairs({{2, 1}, {3, 2}, {1, 3}, {2, 3}, {3, 3}, {7, 6}, {8, 6}, {9, 6}}) do
  grid[p[2]][p[1]] = true
end

local function neighbours(g, x, y)
  local n = 0
  for dy = -1, 1 do
    for dx = -1, 1 do
      if dx ~= 0 or dy ~= 0 then
        local nx = (x + dx - 1) % W + 1
        local ny = (y + dy - 1) % H + 1
        if g[ny][nx] then n = n + 1 end
      end
    end
  end
  return n
end

local function step(g)
  local next_grid = new_grid()
  for y = 1, H do
    for x = 1, W do
      local n = neighbours(g, x, y)
      next_grid[y][x] = n == 3 or (g[y][x] and n == 2)
    end
  end
  return next_grid
end

local function show(g, gen)
  print("generation " .. gen)
  for y = 1, H do
    local row = {}
    for x = 1, W do row[x] = g[y][x] and "#" or "." end
    print(table.concat(row))
  end
end

for gen = 0, 4 do
  if gen % 2 == 0 then show(grid, gen) end
  grid = step(grid)
end
local alive = 0
for y = 1, H do for x = 1, W do if grid[y][x] then alive = alive + 1 end end end
print("alive after 5 steps:", alive)
