# Graph search: BFS shortest paths, DFS reachability and topological order.

edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "e")]

graph = {}
for src, dst in edges:
    graph.setdefault(src, []).append(dst)
    graph.setdefault(dst, [])

def bfs(start):
    dist = {start: 0}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph[node]:
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist

def reachable(start, seen=None):
    if seen is None:
        seen = set()
    seen.add(start)
    for nxt in graph[start]:
        if nxt not in seen:
            reachable(nxt, seen)
    return seen

def topo_order():
    indegree = {n: 0 for n in graph}
    for src in graph:
        for dst in graph[src]:
            indegree[dst] += 1
    ready = sorted(n for n, d in indegree.items() if d == 0)
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for dst in graph[n]:
            indegree[dst] -= 1
            if indegree[dst] == 0:
                ready.append(dst)
                ready.sort()
    return order

print(graph)
print(bfs("a"))
print(sorted(reachable("b")), sorted(reachable("f")))
print(topo_order())
print({n: len(out) for n, out in graph.items() if out})
