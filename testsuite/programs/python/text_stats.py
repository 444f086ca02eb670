# Character statistics, anagram groups and vowel counts over a word list.

words = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]

groups = {}
for w in words:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)
for key, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
    print(f"{key:<8} {len(members)} {members}")

def vowels(w):
    return sum(1 for ch in w if ch in "aeiou")

print({w: vowels(w) for w in words[:4]})
letters = {}
for w in words:
    for ch in w:
        letters[ch] = letters.get(ch, 0) + 1
top = sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
print("".join(ch * n for ch, n in top))
lengths = [len(w) for w in words]
print(lengths, sum(lengths) / len(lengths), sorted(set(lengths)))
print(sorted(words, key=lambda w: (len(w), w)))
print([w for w in words if w == w[::-1]], [w.upper() for w in words if w.startswith("g")])
