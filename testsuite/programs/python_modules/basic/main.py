import sys
from util import double, Greeter
import pkg.shapes
from pkg import shapes as sh
from pkg.shapes import area
import util
from math import sqrt
print(double(4), Greeter("ann").hello(), util.double(5), util.VERSION)
print(pkg.shapes.area(3), sh.area(2), area(1), sqrt(16))
print(len(sys.argv) >= 1)
from errors import AppError, NotFound, find
try:
    find("x")
except AppError as e:
    print("caught", e, e.code, isinstance(e, NotFound))
mod = __import__("util")
print(getattr(mod, "VERSION"), getattr(mod, "missing", "default"), mod is util)
