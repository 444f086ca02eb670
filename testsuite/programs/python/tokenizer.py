# A tokenizer and recursive-descent parser for arithmetic expressions.

def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("num", float(text) if "." in text else int(text)))
            i = j
        elif ch in "+-*/()":
            tokens.append(("op", ch))
            i += 1
        else:
            raise ValueError(f"unexpected character {ch!r} at {i}")
    return tokens

def parse(tokens):
    pos = [0]
    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else ("eof", None)
    def take():
        tok = peek()
        pos[0] += 1
        return tok
    def atom():
        kind, value = take()
        if kind == "num":
            return value
        if value == "(":
            v = expr()
            if take()[1] != ")":
                raise ValueError("expected )")
            return v
        if value == "-":
            return -atom()
        raise ValueError(f"unexpected {value}")
    def term():
        v = atom()
        while peek()[1] in ("*", "/"):
            op = take()[1]
            rhs = atom()
            v = v * rhs if op == "*" else v / rhs
        return v
    def expr():
        v = term()
        while peek()[1] in ("+", "-"):
            op = take()[1]
            rhs = term()
            v = v + rhs if op == "+" else v - rhs
        return v
    result = expr()
    if peek()[0] != "eof":
        raise ValueError("trailing input")
    return result

for src in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4", "-(2 + 3) * 2", "2 * 3.5", "1 +", "4 $ 4", "(1", "8 / 0"]:
    try:
        print(f"{src:<14} = {parse(tokenize(src))}")
    except ValueError as e:
        print(f"{src:<14} ! {e}")
    except ZeroDivisionError as e:
        print(f"{src:<14} ! {e}")
print(tokenize("12+(3.5)"))
