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
from errors import ConfigError, MissingKey, lookup
try:
    lookup({"a": 1}, "b")
except ValueError as e:
    print("caught", e, e.key, isinstance(e, MissingKey), isinstance(e, ConfigError))
mod = __import__("util")
print(getattr(mod, "VERSION"), getattr(mod, "missing", "default"), mod is util)
