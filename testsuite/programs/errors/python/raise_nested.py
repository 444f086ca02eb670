# A ValueError raised three calls deep and caught by nobody.
def check(x):
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x


def total(xs):
    s = 0
    for x in xs:
        s += check(x)
        print("partial", s)
    return s


def main():
    print(total([1, 2]))
    print(total([3, -4, 5]))


main()
