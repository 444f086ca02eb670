# A persistent linked list built from tuples, with recursive helpers.

EMPTY = None

def cons(head, tail):
    return (head, tail)

def from_list(xs):
    out = EMPTY
    for x in reversed(xs):
        out = cons(x, out)
    return out

def to_list(node):
    out = []
    while node is not None:
        head, node = node
        out.append(head)
    return out

def length(node):
    return 0 if node is None else 1 + length(node[1])

def map_ll(f, node):
    if node is None:
        return None
    return cons(f(node[0]), map_ll(f, node[1]))

def reverse_ll(node):
    acc = EMPTY
    while node:
        acc = cons(node[0], acc)
        node = node[1]
    return acc

ll = from_list([1, 2, 3, 4])
print(ll)
print(to_list(ll), length(ll))
print(to_list(map_ll(lambda x: x * 10, ll)))
print(to_list(reverse_ll(ll)))
print(length(EMPTY), to_list(EMPTY), from_list([]) is None)
pairs = to_list(from_list([(1, "a"), (2, "b")]))
print(pairs, dict(pairs))
