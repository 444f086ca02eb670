# Number formatting across the format-spec mini-language.

values = [0, 7, -42, 1234567, 3.14159, -0.5, 1e-5, 123456.789, 2.0 ** 60]
for v in values:
    print(repr(v), str(v), f"{v:10}|{v:<10}|{v:^10}|")

for v in [3.14159, -2.5, 1234.5678, 0.000123]:
    print(f"{v:.2f} {v:+.3f} {v:10.4f} {v:e} {v:.2E} {v:g} {v:.3g} {v:%}")

for n in [0, 5, 255, -255, 1000000]:
    print(f"{n:d} {n:5d} {n:<5d}| {n:05d} {n:+d} {n:x} {n:X} {n:o} {n:b} {n:#x} {n:,} {n:_}")

print(f"{'left':<8}|{'right':>8}|{'mid':^8}|{'fill':*^10}|{'trunc':.3}")
print(format(12345.6789, ",.2f"), format(0.25, ".0%"), format(1/7, ".10f"))
print("%5.1f|%-6d|%06.2f|%x|%c" % (2.345, 42, 3.14159, 255, 65))
print(str(1e22), str(1e15), str(123456789.0), str(0.0001), str(-1e-10))
print(round(1234.5678, -2), round(-0.5), int(-3.9), int("0x1f", 16), float("1e3"))

table = [("alpha", 1.5, 3), ("beta", 22.25, 14), ("gamma", 333.125, 159)]
print(f"{'name':<8}{'value':>10}{'count':>7}")
for name, value, count in table:
    print(f"{name:<8}{value:>10.3f}{count:>7,}")
widths = [4, 6, 8]
print([f"{3.14159:{w}.{w - 3}f}" for w in widths])
print("{:>6}|{:<6}|{:^6}|{!r}".format(1.5, "ab", True, "q"))
