# Inventory records: list of dicts, grouping, filtering and formatted reports.

items = [
    {"name": "widget", "qty": 12, "price": 2.5, "tags": ["metal", "small"]},
    {"name": "gadget", "qty": 0, "price": 12.0, "tags": ["electronic"]},
    {"name": "doohickey", "qty": 5, "price": 0.75, "tags": ["small"]},
    {"name": "gizmo", "qty": 3, "price": 99.99, "tags": ["electronic", "fragile"]},
]

def value(item):
    return item["qty"] * item["price"]

in_stock = [i for i in items if i["qty"]]
print([i["name"] for i in in_stock])
print(f"{'name':<10}|{'qty':>4}|{'value':>9}")
print("-" * 25)
for it in sorted(items, key=value, reverse=True):
    print(f"{it['name']:<10}|{it['qty']:>4}|{value(it):>9.2f}")
total = sum(value(i) for i in items)
print(f"total {total:.2f}, mean {total / len(items):.3f}")

by_tag = {}
for it in items:
    for tag in it["tags"]:
        by_tag.setdefault(tag, []).append(it["name"])
for tag in sorted(by_tag):
    print(tag, "->", ", ".join(by_tag[tag]))

cheapest = min(items, key=lambda i: i["price"])
print("cheapest:", cheapest["name"], cheapest["price"])
restock = {i["name"]: 10 - i["qty"] for i in items if i["qty"] < 10}
print(restock)
print(round(total), round(2.675, 2), round(0.5), round(1.5), round(-2.5))
