class Animal:
    kind = "animal"
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
    def speak(self):
        return self.name + " says " + self.sound
    def __str__(self):
        return "Animal(" + self.name + ")"
    def __repr__(self):
        return "<" + self.name + ">"

class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []
    def add(self, t):
        self.tricks.append(t)
        return self
    def speak(self):
        return super().speak() + "!"
    @staticmethod
    def create(n):
        return Dog(n)
    @classmethod
    def named(cls, n):
        return cls(n)
    @property
    def count(self):
        return len(self.tricks)

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return self.x < o.x
    def __len__(self):
        return 2
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

a = Animal("cat")
d = Dog("rex")
print(a.speak(), d.speak(), a, str(d), repr(a))
d.add("sit").add("roll")
print(d.count, d.tricks, Dog.kind, d.kind, isinstance(d, Animal), isinstance(a, Dog))
print(Dog.create("x").name, Dog.named("y").speak(), type(d).__name__)
v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), Vec(1, 1) < Vec(2, 0), len(v), sorted([Vec(3, 0), Vec(1, 0)]))
d.name += "y"
print(d.name)
