VERSION = "1.0"
print("loading util")
def double(x):
    return x * 2
class Greeter:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return "hello " + self.name
