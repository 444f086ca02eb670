# Greedy word wrapping and justified text.

def wrap(text, width):
    lines, current = [], []
    length = 0
    for word in text.split():
        extra = len(word) + (1 if current else 0)
        if current and length + extra > width:
            lines.append(current)
            current, length = [word], len(word)
        else:
            current.append(word)
            length += extra
    if current:
        lines.append(current)
    return lines

def justify(words, width):
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]

text = ("Weft lowers small scripts written in several languages to one "
        "portable intermediate representation and runs them in a sandbox")
for width in (20, 32):
    print("+" + "-" * width + "+")
    lines = wrap(text, width)
    for i, words in enumerate(lines):
        body = " ".join(words).ljust(width) if i == len(lines) - 1 else justify(words, width)
        print("|" + body + "|")
    print("+" + "-" * width + "+")
print(len(wrap(text, 10)), max(len(w) for w in text.split()))
