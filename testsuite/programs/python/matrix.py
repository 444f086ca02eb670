# Matrices as nested lists: multiply, transpose, identity, pretty printing.

def zeros(r, c):
    return [[0] * c for _ in range(r)]

def identity(n):
    m = zeros(n, n)
    for i in range(n):
        m[i][i] = 1
    return m

def transpose(m):
    return [list(row) for row in zip(*m)]

def multiply(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    out = zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            out[i][j] = sum(a[i][k] * b[k][j] for k in range(inner))
    return out

def show(m):
    width = max(len(str(x)) for row in m for x in row)
    for row in m:
        print(" ".join(str(x).rjust(width) for x in row))

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(multiply(a, b))
show(transpose(a))
print(multiply(identity(2), [[2, 3], [4, 5]]) == [[2, 3], [4, 5]])
p = identity(2)
for _ in range(5):
    p = multiply(p, [[1, 1], [1, 0]])
print(p, p[0][1])
print([[x / 2 for x in row] for row in a])
