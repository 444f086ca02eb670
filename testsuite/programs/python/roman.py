# Roman numerals both ways, with validation errors.

VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

def to_roman(n):
    if not 0 < n < 4000:
        raise ValueError(f"out of range: {n}")
    out = ""
    for value, sym in VALUES:
        while n >= value:
            out += sym
            n -= value
    return out

def from_roman(s):
    table = {sym: value for value, sym in VALUES if len(sym) == 1}
    total = 0
    for i, ch in enumerate(s):
        if ch not in table:
            raise KeyError(ch)
        v = table[ch]
        if i + 1 < len(s) and table.get(s[i + 1], 0) > v:
            total -= v
        else:
            total += v
    return total

for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(n, r, from_roman(r) == n)
for bad in [0, 4000]:
    try:
        to_roman(bad)
    except ValueError as e:
        print("error:", e)
try:
    from_roman("XIZ")
except KeyError as e:
    print("unknown symbol", e)
print(sum(from_roman(r) for r in ["X", "XX", "XXX"]))
