-- Integer/float distinction and how lua5.4 prints numbers.
local values = {1, 1.0, -0.5, 1e15, 1e16, 123456789012, 2^53, 2^63, 1/3, 100 / 4, 7 // 2, 7.0 // 2,
  3 % 2, 3.0 % 2, -7 % 3, 2^-1, 10 / 2, math.maxinteger, math.mininteger, 0.1 + 0.2}
for i, v in ipairs(values) do
  print(i, v, math.type(v))
end
print(1e300 * 1e300, -1e300 * 1e300)
print(math.floor(2.5), math.ceil(2.5), math.floor(-2.5), math.tointeger(8.0), 8 // 1.0)
print(string.format("%.3f %5.1f %e %g %g", math.pi, 2.25, 123.456, 0.00001, 1e-5 * 3))
print(string.format("%d %5d %-5d| %x %X %o", 255, 255, 255, 255, 255, 255))
print(7 / 2, 7 // 2, 7 % 2, -7 / 2, -7 // 2, -7 % 2)
print(2^10, 2^0.5, 10 // 3 * 3 + 10 % 3)
print(math.abs(-3), math.abs(-3.5), math.max(1, 2.5), math.min(-1, -1.5))
print(tostring(10) .. "|" .. tostring(10.0) .. "|" .. 10 .. "|" .. 10.0)
print(5 // 0.0, -5 // 0.0, 0x7fffffffffffffff + 1)

-- Accumulating floats and integers separately.
local isum, fsum = 0, 0.0
for k = 1, 10 do
  isum = isum + k
  fsum = fsum + k / 10
end
print(isum, fsum, math.type(isum), math.type(fsum))
print(string.format("%.14g", fsum), string.format("%5.3g|%-8.2f|%08.3f", fsum, fsum, -fsum))
local mixed = {3, 1.5, 2, 0.25}
local total = 0
for _, v in ipairs(mixed) do total = total + v end
print(total, total // 1, math.tointeger(total * 4))
