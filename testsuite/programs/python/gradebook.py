# A gradebook: parsing CSV-like text, statistics, letter grades.

raw = """alice,91,84,77
bob,65,70,88
carol,100,95,98
dave,55,40,61
eve,80,80,80"""

def parse(text):
    rows = []
    for line in text.strip().split("\n"):
        name, *scores = line.split(",")
        rows.append((name, [int(s) for s in scores]))
    return rows

def mean(xs):
    return sum(xs) / len(xs)

def median(xs):
    s = sorted(xs)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2

def letter(score):
    for cutoff, grade in [(90, "A"), (80, "B"), (70, "C"), (60, "D")]:
        if score >= cutoff:
            return grade
    return "F"

rows = parse(raw)
for name, scores in rows:
    m = mean(scores)
    print(f"{name:<6} {scores} mean={m:6.2f} median={median(scores)} grade={letter(m)}")
all_scores = [s for _, scores in rows for s in scores]
print("overall", round(mean(all_scores), 3), median(all_scores), max(all_scores), min(all_scores))
best = max(rows, key=lambda r: mean(r[1]))
print("best:", best[0])
counts = {}
for _, scores in rows:
    g = letter(mean(scores))
    counts[g] = counts.get(g, 0) + 1
print(sorted(counts.items()))
