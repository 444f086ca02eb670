# Adding a str to an int inside a function called from a loop.
def label(n):
    return n + " items"


for count in [1, 2]:
    print("count", count)
    print(label(count))
