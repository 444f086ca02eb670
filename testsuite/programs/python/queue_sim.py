# A round-robin scheduler simulation with a queue of tasks.

tasks = [("build", 5), ("test", 3), ("lint", 1), ("deploy", 4)]
quantum = 2
queue = [list(t) for t in tasks]
clock = 0
finished = []
log = []

while queue:
    name, remaining = queue.pop(0)
    run = min(quantum, remaining)
    clock += run
    remaining -= run
    log.append(f"t={clock:>2} ran {name} for {run}")
    if remaining > 0:
        queue.append([name, remaining])
    else:
        finished.append((name, clock))

print("\n".join(log))
print(finished)
waits = {name: end for name, end in finished}
print(waits)
avg = sum(waits.values()) / len(waits)
print(f"average completion {avg:.2f}")
order = [name for name, _ in sorted(finished, key=lambda p: p[1])]
print(" > ".join(order))
print(len(log), clock, clock == sum(d for _, d in tasks))
