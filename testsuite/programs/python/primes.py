# Sieve of Eratosthenes, prime factorisation and a few number-theory helpers.

def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
        i += 1
    return [n for n, p in enumerate(is_prime) if p]

def factorise(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

primes = sieve(60)
print(primes)
print(len(primes), sum(primes), primes[-3:])
for n in [12, 97, 360, 1001, 2 ** 10 - 1]:
    fs = factorise(n)
    print(n, "=", " * ".join(str(f) for f in fs))
print(gcd(84, 36), gcd(17, 5), 84 * 36 // gcd(84, 36))
twins = [(p, q) for p, q in zip(primes, primes[1:]) if q - p == 2]
print(twins)
