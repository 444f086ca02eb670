# A reverse-Polish calculator with error reporting.

def tokenize(expr):
    return expr.replace("(", " ").replace(")", " ").split()

def evaluate(tokens):
    stack = []
    ops = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "//": lambda a, b: a // b,
        "%": lambda a, b: a % b,
        "**": lambda a, b: a ** b,
    }
    for tok in tokens:
        if tok in ops:
            if len(stack) < 2:
                raise IndexError("stack underflow at " + repr(tok))
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(float(tok) if "." in tok else int(tok))
    if len(stack) != 1:
        raise ValueError(f"bad expression, stack is {stack}")
    return stack[0]

programs = ["3 4 +", "2 3 4 * +", "10 3 /", "10 3 //", "-7 2 %", "2 10 **",
            "1.5 2 *", "1 +", "1 2", "4 0 /", "4 0 //", "x 1 +"]
for p in programs:
    try:
        print(f"{p!r:>12} -> {evaluate(tokenize(p))}")
    except ZeroDivisionError as e:
        print(f"{p!r:>12} -> division error: {e}")
    except (IndexError, ValueError) as e:
        print(f"{p!r:>12} -> {type(e).__name__}: {e}")
