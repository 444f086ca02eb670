# Word frequencies: string cleanup, dict counting, sorting by several keys.

text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity"""

def words(s):
    out = []
    for raw in s.lower().split():
        w = raw.strip(".,;:!?")
        if w:
            out.append(w)
    return out

counts = {}
for w in words(text):
    counts[w] = counts.get(w, 0) + 1

ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:6]:
    print(f"{word:<12}{n:>3} {'#' * n}")

print(len(counts), "distinct words")
longest = max(counts, key=len)
print("longest:", longest, len(longest))
by_length = {}
for w in counts:
    by_length.setdefault(len(w), []).append(w)
for length in sorted(by_length):
    print(length, sorted(by_length[length]))
print(any(w.startswith("wis") for w in counts), all(len(w) > 1 for w in counts))
