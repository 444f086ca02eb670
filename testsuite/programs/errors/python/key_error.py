# Looking up a key a dict does not have.
stock = {"apple": 3, "pear": 0}


def take(fruit):
    left = stock[fruit]
    stock[fruit] = left - 1
    return left - 1


print(take("apple"))
print(take("pear"))
print(take("plum"))
