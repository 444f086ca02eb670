# A grab-bag of everyday idioms: printing, unpacking, methods, builtins, errors.
xs = [5, 3, 9]
print(*xs, sep=", ")
print(" ".join(map(str, xs)), '%.2f' % 3.14159, str(1.0), repr("a\nb"))
for i in range(len(xs) - 1, -1, -1):
    print(i, end=";")
print()
d = {"b": 2, "a": 1, "c": 3}
del d["b"]
d["b"] = 5
print(d, sorted(d.items(), key=lambda kv: kv[1]), list(d))
def outer():
    factor = 3
    def inner(x, f=factor):
        return x * f
    return inner
print(outer()(4))
s = "abc"
print(s * 2, s.upper().lower(), s[::-1], s.find("z"), "b" in s, len(s) == 3)
nums = [1, 2, 3, 4, 5, 6]
evens = [n for n in nums if n % 2 == 0]
print(evens, sum(evens) / len(evens), max(nums) - min(nums), nums[1:-1:2])
t = (1, 2, 3)
a, b, c = t
print(a + b + c, t.index(2), t.count(3), t[-1], list(t))
x = None
print(x or "fallback", 5 if x is None else 6)
words = ["b", "a", "c"]
words.sort()
print(words, words.pop(0), words)
print(int("  -17 "), float("2.5"), int(2.9), round(7.5), abs(-0.0), 2 ** 62)
print(divmod(17, 5), pow(3, 4), chr(9731), ord("€"))
print(isinstance([], list), isinstance({}, dict), type("x") == str, type(3) == float)
count = 0
while count < 3:
    count += 1
else:
    print("while done", count)
try:
    {}.pop("x")
except KeyError as e:
    print("KeyError", e)
try:
    int("3.5")
except ValueError as e:
    print(e)
print([[i * j for j in range(3)] for i in range(3)])
print({k: v for k, v in zip("abc", range(3)) if v})
print(sorted({3, 1, 2}), set([1, 1, 2]) == {1, 2})
