-- Word wrapping, justification and column layout of a paragraph.
local text = "Weft lets game scripters write Lua, TypeScript or Python and runs all of them " ..
  "in one sandboxed virtual machine with gas limits and suspendable state, so long " ..
  "running scripts can sleep and resume later without losing their place."

local function words_of(s)
  local out = {}
  for w in s:gmatch("%S+") do out[#out + 1] = w end
  return out
end

local function wrap(words, width)
  local lines, line = {}, {}
  local len = 0
  for _, w in ipairs(words) do
    if len > 0 and len + 1 + #w > width then
      lines[#lines + 1] = line
      line, len = {}, 0
    end
    line[#line + 1] = w
    len = len + (len > 0 and 1 or 0) + #w
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end

local function justify(line, width)
  if #line == 1 then return line[1] end
  local chars = 0
  for _, w in ipairs(line) do chars = chars + #w end
  local gaps = #line - 1
  local spaces = width - chars
  local out = {}
  for i, w in ipairs(line) do
    out[#out + 1] = w
    if i <= gaps then
      local n = spaces // gaps + ((i <= spaces % gaps) and 1 or 0)
      out[#out + 1] = string.rep(" ", n)
    end
  end
  return table.concat(out)
end

local lines = wrap(words_of(text), 36)
for i, line in ipairs(lines) do
  local s = i < #lines and justify(line, 36) or table.concat(line, " ")
  print("|" .. s .. string.rep(" ", 36 - #s) .. "|")
end
print(#lines, "lines,", #words_of(text), "words,", #text, "chars")
local longest = ""
for _, w in ipairs(words_of(text)) do
  w = w:gsub("%p", "")
  if #w > #longest then longest = w end
end
print("longest word:", longest)
