# Closures: counters, accumulators, memoisation and late binding.

def make_counter(start=0, step=1):
    count = start
    def next_value():
        nonlocal count
        value = count
        count += step
        return value
    return next_value

def memoize(f):
    cache = {}
    calls = [0]
    def wrapper(n):
        if n not in cache:
            calls[0] += 1
            cache[n] = f(n)
        return cache[n]
    return wrapper, calls

c1 = make_counter()
c2 = make_counter(10, 5)
print([c1() for _ in range(3)], [c2() for _ in range(3)], c1())

def slow_square(n):
    return n * n

fast, calls = memoize(slow_square)
print([fast(n % 4) for n in range(10)], calls[0])

adders = []
for i in range(3):
    adders.append(lambda x, i=i: x + i)
print([f(10) for f in adders])

late = []
for i in range(3):
    late.append(lambda x: x + i)
print([f(10) for f in late])

total = 0
def add_to_total(n):
    global total
    total += n
    return total
for n in [5, 10, 20]:
    add_to_total(n)
print(total)
