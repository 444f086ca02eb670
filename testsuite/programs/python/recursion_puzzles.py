# Classic recursion: towers of Hanoi, permutations, subsets, memoised paths.

def hanoi(n, src, dst, via, moves):
    if n == 0:
        return moves
    hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src, moves)
    return moves

def permutations(xs):
    if len(xs) <= 1:
        return [xs[:]]
    out = []
    for i in range(len(xs)):
        rest = xs[:i] + xs[i + 1:]
        for p in permutations(rest):
            out.append([xs[i]] + p)
    return out

def subsets(xs):
    if not xs:
        return [[]]
    tail = subsets(xs[1:])
    return tail + [[xs[0]] + s for s in tail]

memo = {}
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key not in memo:
        memo[key] = grid_paths(r - 1, c) + grid_paths(r, c - 1)
    return memo[key]

moves = hanoi(3, "A", "C", "B", [])
print(len(moves), moves[:3])
print(permutations([1, 2, 3]))
print(sorted(subsets(["x", "y", "z"])))
print(grid_paths(10, 10), len(memo))
print([grid_paths(n, n) for n in range(6)])
