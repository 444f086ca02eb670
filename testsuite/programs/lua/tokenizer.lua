-- A tokenizer and recursive-descent evaluator for arithmetic expressions.
local function tokenize(src)
  local tokens = {}
  local i = 1
  while i <= #src do
    local c = src:sub(i, i)
    if c:match("%s") then
      i = i + 1
    elseif c:match("%d") then
      local num = src:match("^%d+%.?%d*", i)
      tokens[#tokens + 1] = {kind = "num", value = tonumber(num)}
      i = i + #num
    elseif c:match("[%+%-%*/%^%(%)]") then
      tokens[#tokens + 1] = {kind = c}
      i = i + 1
    else
      error("unexpected character '" .. c .. "' at " .. i, 0)
    end
  end
  return tokens
end

local function parse(tokens)
  local pos = 1
  local function peek() return tokens[pos] and tokens[pos].kind end
  local function take() pos = pos + 1 return tokens[pos - 1] end
  local expr
  local function atom()
    local t = take()
    if not t then error("unexpected end", 0) end
    if t.kind == "num" then return t.value end
    if t.kind == "-" then return -atom() end
    if t.kind == "(" then
      local v = expr()
      if peek() ~= ")" then error("expected )", 0) end
      take()
      return v
    end
    error("unexpected " .. t.kind, 0)
  end
  local function power()
    local base = atom()
    if peek() == "^" then take() return base ^ power() end
    return base
  end
  local function term()
    local v = power()
    while peek() == "*" or peek() == "/" do
      if take().kind == "*" then v = v * power() else v = v / power() end
    end
    return v
  end
  function expr()
    local v = term()
    while peek() == "+" or peek() == "-" do
      if take().kind == "+" then v = v + term() else v = v - term() end
    end
    return v
  end
  local v = expr()
  if pos <= #tokens then error("trailing input", 0) end
  return v
end

for _, src in ipairs({"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "10 / 4", "-(3 - 5) * 2.5", "7 - 2 - 1", "2 * (3", "4 $ 4", "1 2"}) do
  local ok, result = pcall(function() return parse(tokenize(src)) end)
  print(string.format("%-16s -> %s", src, ok and tostring(result) or "error: " .. result))
end
