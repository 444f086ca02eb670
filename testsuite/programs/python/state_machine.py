# A traffic-light state machine and a vending machine driven by event lists.

TRANSITIONS = {
    ("red", "timer"): "green",
    ("green", "timer"): "yellow",
    ("yellow", "timer"): "red",
    ("green", "emergency"): "red",
    ("yellow", "emergency"): "red",
}

def run(state, events):
    trace = [state]
    for ev in events:
        state = TRANSITIONS.get((state, ev), state)
        trace.append(state)
    return trace

print(" -> ".join(run("red", ["timer", "timer", "emergency", "timer", "noise"])))

def vending(coins, price=75):
    credit = 0
    vended = 0
    log = []
    for coin in coins:
        if coin not in (5, 10, 25):
            log.append(f"rejected {coin}")
            continue
        credit += coin
        if credit >= price:
            vended += 1
            change = credit - price
            log.append(f"vend! change {change}")
            credit = 0
    return vended, credit, log

n, left, log = vending([25, 25, 3, 10, 25, 25, 25, 25, 5])
print(n, left)
for entry in log:
    print(" ", entry)
states = set(s for s, _ in TRANSITIONS) | set(TRANSITIONS.values())
print(sorted(states), len(TRANSITIONS))
