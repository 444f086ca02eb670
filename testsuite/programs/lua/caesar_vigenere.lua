-- Caesar and Vigenere ciphers with string.byte/char and round trips.
local function shift_char(c, k)
  local b = c:byte()
  if b >= 65 and b <= 90 then
    return string.char((b - 65 + k) % 26 + 65)
  elseif b >= 97 and b <= 122 then
    return string.char((b - 97 + k) % 26 + 97)
  end
  return c
end

local function caesar(s, k)
  return (s:gsub("%a", function(c) return shift_char(c, k) end))
end

local function vigenere(s, key, decrypt)
  local out = {}
  local ki = 0
  for i = 1, #s do
    local c = s:sub(i, i)
    if c:match("%a") then
      local k = key:lower():byte(ki % #key + 1) - 97
      if decrypt then k = -k end
      out[#out + 1] = shift_char(c, k)
      ki = ki + 1
    else
      out[#out + 1] = c
    end
  end
  return table.concat(out)
end

local msg = "Attack at Dawn, hold the Bridge!"
for _, k in ipairs({1, 3, 13, 25}) do
  local enc = caesar(msg, k)
  print(k, enc, caesar(enc, -k) == msg)
end
local enc = vigenere(msg, "LEMON")
print(enc)
print(vigenere(enc, "LEMON", true))

local freq = {}
for c in msg:lower():gmatch("%a") do freq[c] = (freq[c] or 0) + 1 end
local letters = {}
for c, n in pairs(freq) do letters[#letters + 1] = {c = c, n = n} end
table.sort(letters, function(a, b) return a.n > b.n or (a.n == b.n and a.c < b.c) end)
local top = {}
for i = 1, 5 do top[i] = letters[i].c .. "=" .. letters[i].n end
print(table.concat(top, " "))
print(string.byte("ABC", 1, -1))
print(string.char(76, 117, 97))
