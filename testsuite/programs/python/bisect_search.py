# Binary search, insertion into sorted lists and a small interval lookup.

def bisect_left(xs, x):
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if xs[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo

def insort(xs, x):
    xs.insert(bisect_left(xs, x), x)

def find(xs, x):
    i = bisect_left(xs, x)
    if i < len(xs) and xs[i] == x:
        return i
    return -1

data = []
for v in [42, 7, 19, 3, 88, 19, 64, -5]:
    insort(data, v)
print(data)
print([find(data, v) for v in [19, 3, 100, -5]])

brackets = [0, 10000, 40000, 90000]
rates = [0.0, 0.1, 0.2, 0.3]
def tax(income):
    i = bisect_left(brackets, income + 1) - 1
    return round(income * rates[i], 2)

for income in [5000, 10000, 25000.5, 95000]:
    print(f"{income:>9} -> {tax(income)}")
words = sorted(["pear", "apple", "fig", "kiwi", "banana"])
print(words, bisect_left(words, "grape"), words[bisect_left(words, "c"):])
