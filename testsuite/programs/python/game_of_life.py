# Conway's Game of Life on a small toroidal grid.

def parse(rows):
    return {(r, c) for r, line in enumerate(rows) for c, ch in enumerate(line) if ch == "#"}

def neighbours(cell, h, w):
    r, c = cell
    out = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                out.append(((r + dr) % h, (c + dc) % w))
    return out

def step(live, h, w):
    counts = {}
    for cell in live:
        for n in neighbours(cell, h, w):
            counts[n] = counts.get(n, 0) + 1
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in live)}

def show(live, h, w):
    for r in range(h):
        print("".join("#" if (r, c) in live else "." for c in range(w)))

glider = parse([".#....", "..#...", "###...", "......", "......", "......"])
h, w = 6, 6
state = glider
for gen in range(4):
    print(f"generation {gen}: {len(state)} alive")
    show(state, h, w)
    state = step(state, h, w)
print(sorted(state))
blinker = parse(["...", "###", "..."])
print(sorted(step(blinker, 5, 5)), step(step(blinker, 5, 5), 5, 5) == blinker)
