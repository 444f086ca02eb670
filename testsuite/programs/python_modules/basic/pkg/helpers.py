def sq(x):
    return x * x
