# Descriptive statistics with floats: mean, variance, percentiles, histogram.

data = [2.5, 3.1, 4.7, 1.2, 9.9, 5.5, 3.3, 7.8, 6.1, 4.4, 3.9, 2.2]

def mean(xs):
    return sum(xs) / len(xs)

def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)

def percentile(xs, p):
    s = sorted(xs)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)

m = mean(data)
v = variance(data)
sd = v ** 0.5
print(m, v, sd)
print(f"mean={m:.3f} sd={sd:.3f} cv={sd / m:.1%}")
for p in (0, 25, 50, 75, 100):
    print(p, round(percentile(data, p), 4))
z = [round((x - m) / sd, 2) for x in data]
print(z)
print([x for x, score in zip(data, z) if abs(score) > 1])
bins = {}
for x in data:
    b = int(x // 2) * 2
    bins[b] = bins.get(b, 0) + 1
for b in sorted(bins):
    print(f"[{b:>2}, {b + 2:>2}) {'*' * bins[b]}")
print(0.1 + 0.2, 1 / 3, 2 / 3, 1e-7 * 3, 10.0 ** 20 / 7, 1.5e300 * 1e10)
