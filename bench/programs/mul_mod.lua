local i, x = 0, 1
while i < 10000000 do x = (x * 31 + i) % 1000003; i = i + 1 end
print(x)
