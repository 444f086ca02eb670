-- util: a plain module table of helper functions
local M = {}

M.version = "1.2"

function M.round(x, places)
  local m = 10 ^ (places or 0)
  return math.floor(x * m + 0.5) / m
end

function M.join(list, sep)
  local parts = {}
  for i, v in ipairs(list) do parts[i] = tostring(v) end
  return table.concat(parts, sep or ", ")
end

function M.map(list, f)
  local out = {}
  for i, v in ipairs(list) do out[i] = f(v) end
  return out
end

local function private_helper(s) return "<" .. s .. ">" end

function M.bracket(s) return private_helper(s) end

return M
