class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__()
        self.msg = msg
        self.code = code
    def __str__(self):
        return self.msg + " (" + str(self.code) + ")"
class NotFound(AppError):
    pass
def find(k):
    raise NotFound("missing " + k, 404)
try:
    find("x")
except AppError as e:
    print("caught", e, e.code, isinstance(e, NotFound))
try:
    find("y")
except Exception as e:
    print("as Exception:", str(e))
try:
    raise AppError("bad", 1)
except NotFound:
    print("wrong")
except AppError as e:
    print("right", e.msg)
from enum import Enum
class Color(Enum):
    RED = 1
    BLACK = 2
    def describe(self):
        return self.name.lower()
c = Color.RED
print(c, repr(c), c.value, c.name, c is Color.RED, c == Color.BLACK, c.describe(), isinstance(c, Color))
print([Color.RED, Color.BLACK])


class Shape:
    count = 0

    def __init__(self):
        Shape.count += 1

    @property
    def area(self):
        raise NotImplementedError("area")

    def describe(self):
        return type(self).__name__ + " with area " + str(self.area)


class Square(Shape):
    def __init__(self, side):
        super().__init__()
        self._side = side

    @property
    def side(self):
        return self._side

    @side.setter
    def side(self, v):
        if v < 0:
            raise ValueError("negative side")
        self._side = v

    @property
    def area(self):
        return self._side * self._side


sq = Square(3)
print(sq.describe(), Shape.count)
sq.side = 4
print(sq.side, sq.area)
try:
    sq.side = -1
except ValueError as e:
    print("ValueError:", e)
try:
    Shape().describe()
except NotImplementedError as e:
    print("abstract:", e)
print(Shape.count)
