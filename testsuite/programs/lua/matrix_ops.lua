-- Matrices as nested tables: multiply, transpose, identity, power.
local function matrix(rows, cols, f)
  local m = {}
  for i = 1, rows do
    m[i] = {}
    for j = 1, cols do m[i][j] = f(i, j) end
  end
  return m
end

local function mul(a, b)
  return matrix(#a, #b[1], function(i, j)
    local s = 0
    for k = 1, #b do s = s + a[i][k] * b[k][j] end
    return s
  end)
end

local function transpose(a)
  return matrix(#a[1], #a, function(i, j) return a[j][i] end)
end

local function show(m)
  for _, row in ipairs(m) do
    local cells = {}
    for j, v in ipairs(row) do cells[j] = string.format("%4s", tostring(v)) end
    print(table.concat(cells))
  end
end

local a = matrix(2, 3, function(i, j) return i + j end)
local b = matrix(3, 2, function(i, j) return i * j end)
show(a)
print("--")
show(transpose(a))
print("--")
show(mul(a, b))

local fibm = {{1, 1}, {1, 0}}
local function power(m, n)
  local result = matrix(#m, #m, function(i, j) return i == j and 1 or 0 end)
  while n > 0 do
    if n % 2 == 1 then result = mul(result, m) end
    m = mul(m, m)
    n = n // 2
  end
  return result
end
print("fib(50) via matrix:", power(fibm, 50)[1][2])
show(matrix(2, 2, function(i, j) return (i + j) / 2 end))
