# A shopping cart with discounts, taxes and receipt formatting.

PRICES = {"apple": 0.5, "bread": 2.25, "cheese": 7.8, "milk": 1.15, "wine": 12.0}
DISCOUNTS = {"cheese": 0.1, "wine": 0.25}

def line_total(item, qty):
    price = PRICES[item]
    discount = DISCOUNTS.get(item, 0)
    return qty * price * (1 - discount)

def receipt(cart, tax_rate=0.08):
    lines = []
    subtotal = 0
    for item, qty in sorted(cart.items()):
        if item not in PRICES:
            lines.append(f"  ?? {item} (unknown, skipped)")
            continue
        total = line_total(item, qty)
        subtotal += total
        flag = " *" if item in DISCOUNTS else ""
        lines.append(f"  {qty:>2} x {item:<8} {total:>8.2f}{flag}")
    tax = subtotal * tax_rate
    lines.append("  " + "-" * 24)
    lines.append(f"  {'subtotal':<13} {subtotal:>8.2f}")
    lines.append(f"  {'tax':<13} {tax:>8.2f}")
    lines.append(f"  {'TOTAL':<13} {subtotal + tax:>8.2f}")
    return "\n".join(lines)

cart = {"apple": 6, "cheese": 1, "wine": 2, "caviar": 1, "milk": 3}
print(receipt(cart))
print(receipt({"bread": 1}, tax_rate=0))
counts = sorted(cart.values())
print(counts, sum(counts), max(cart, key=cart.get))
