def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

xs = [fib(i) for i in range(10)]
print(xs, len(xs), sum(xs) / 3)
d = {"a": 1, 2: (1, 2), (1, 'x'): None}
print(d, 1e16, 0.1, -0.0, float('inf'))
for k, v in d.items():
    print(k, v)
print(f"{3.14159:.2f}|{42:>5}|{'hi':<6}|{1234567:,}|{0.00012:e}")
try:
    x = 1 // 0
except ZeroDivisionError as e:
    print("caught", e)
try:
    print({}["k"])
except KeyError as e:
    print("key", e, repr(e))
print(7 // -2, 7 % -3, 2 ** 10, 2 ** -1, 10 / 4, "ab" * 3, [1, 2][::-1], "hello"[1:-1])
a, *b = [1, 2, 3]
print(a, b, (1,), (), [] or "empty", 0 and 5)
def greet(name, greeting="Hello", *rest, punct="!"):
    return greeting + ", " + name + punct + str(rest)
print(greet("Bob"), greet("Al", punct="?"), greet("X", "Hi", 1, 2))
print(sorted([3, 1, 2], reverse=True), max([1, 5, 3]), min(4, 2, 8), sorted(["b", "A", "c"], key=str.lower))
print("x,y,z".split(","), "-".join(["a", "b"]), "  pad ".strip())
