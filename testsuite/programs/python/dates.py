# Calendar arithmetic without libraries: leap years, day of week, month tables.

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

def days_in_month(y, m):
    if m == 2:
        return 29 if is_leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31

def day_of_week(y, m, d):
    t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    if m < 3:
        y -= 1
    return (y + y // 4 - y // 100 + y // 400 + t[m - 1] + d - 1) % 7

def day_of_year(y, m, d):
    return sum(days_in_month(y, k) for k in range(1, m)) + d

print([y for y in range(1896, 1912) if is_leap(y)], is_leap(2000), is_leap(1900))
for (y, m, d) in [(2024, 1, 1), (1969, 7, 20), (2000, 2, 29), (2023, 12, 25)]:
    print(f"{y:04d}-{m:02d}-{d:02d} is a {DAYS[day_of_week(y, m, d)]}, day {day_of_year(y, m, d)}")

year, month = 2024, 2
print(f"{MONTHS[month - 1]} {year}".center(20))
print(" ".join(d[:2] for d in DAYS))
first = day_of_week(year, month, 1)
cells = ["  "] * first + [f"{d:2d}" for d in range(1, days_in_month(year, month) + 1)]
for i in range(0, len(cells), 7):
    print(" ".join(cells[i:i + 7]))
