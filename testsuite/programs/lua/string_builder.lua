-- Builds strings in several ways: concatenation, table.concat, rep, format.
local parts = {}
for i = 1, 10 do
  parts[#parts + 1] = tostring(i * i)
end
print(table.concat(parts, ","))

local line = ""
for i = 1, 5 do
  line = line .. string.rep("*", i) .. " "
end
print(line)

local function pad_left(s, n, ch)
  ch = ch or " "
  return string.rep(ch, n - #s) .. s
end

local function center(s, n)
  local total = n - #s
  local left = total // 2
  return string.rep(" ", left) .. s .. string.rep(" ", total - left)
end

print("[" .. pad_left("42", 6, "0") .. "]")
print("[" .. center("mid", 11) .. "]")

local rows = {{"name", "qty", "price"}, {"apple", 3, 0.5}, {"melon", 1, 2.25}, {"kiwi", 12, 0.2}}
for i, row in ipairs(rows) do
  if i == 1 then
    print(string.format("%-8s|%5s|%8s", row[1], row[2], row[3]))
    print(string.rep("-", 23))
  else
    print(string.format("%-8s|%5d|%8.2f", row[1], row[2], row[3]))
  end
end
local total = 0
for i = 2, #rows do total = total + rows[i][2] * rows[i][3] end
print(string.format("total %.2f", total), total)
