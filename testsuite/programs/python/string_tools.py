# String utilities: caesar cipher, palindromes, run-length encoding, title case.

def caesar(s, shift):
    out = []
    for ch in s:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + shift) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)

def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]

def rle(s):
    if not s:
        return ""
    parts = []
    current, count = s[0], 1
    for ch in s[1:]:
        if ch == current:
            count += 1
        else:
            parts.append(f"{count}{current}")
            current, count = ch, 1
    parts.append(f"{count}{current}")
    return "".join(parts)

msg = "Hello, World!"
enc = caesar(msg, 3)
print(enc, "|", caesar(enc, -3))
for s in ["A man, a plan, a canal: Panama", "weft", "No lemon, no melon", ""]:
    print(repr(s), is_palindrome(s))
print(rle("aaabccddddde"), rle("x"), repr(rle("")))
print("the quick brown fox".title(), "MiXeD".swapcase(), "abc".capitalize())
print("a-b-c".split("-", 1), "a-b-c".rsplit("-", 1), "k=v".partition("="))
print("spam".center(10, "*"), "7".zfill(4), "-7".zfill(4), "tab".ljust(6) + "|")
print("hello world".replace("o", "0", 1), "banana".count("an"), "banana".rfind("an"))
