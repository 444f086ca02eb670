class A:
    def who(self): return "A"
    def hello(self): return "hello from " + self.who()
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
d = D()
print(d.who(), d.hello(), [k.__name__ for k in [D, B, C, A]])
print(isinstance(d, C), isinstance(d, (int, A)), A.hello(d))
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.n = 0
    def __call__(self, k):
        self.n += k
        return self.n
    def __getitem__(self, i):
        return i * 10
    def __contains__(self, x):
        return x == 3
c1 = Counter(); c2 = Counter()
print(Counter.total, c1(5), c1(2), c1[4], 3 in c1, 4 in c1)
