# Validating user records with custom error messages and exception chains.

def require(cond, message):
    if not cond:
        raise ValueError(message)

def validate(record):
    errors = []
    checks = [
        ("name", lambda v: isinstance(v, str) and len(v) > 1, "name must be a string of 2+ chars"),
        ("age", lambda v: isinstance(v, int) and 0 <= v < 150, "age must be an int in [0, 150)"),
        ("email", lambda v: isinstance(v, str) and "@" in v, "email needs an @"),
    ]
    for field, ok, message in checks:
        try:
            value = record[field]
            require(ok(value), message)
        except KeyError as e:
            errors.append(f"missing field {e}")
        except ValueError as e:
            errors.append(str(e))
    return errors

records = [
    {"name": "Ada", "age": 36, "email": "ada@example.org"},
    {"name": "B", "age": 200},
    {"age": "old", "email": "nowhere"},
    {},
]
for i, r in enumerate(records):
    errs = validate(r)
    status = "valid" if not errs else f"{len(errs)} problem(s)"
    print(f"record {i}: {status}")
    for e in errs:
        print("   -", e)

def parse_int(s, default=None):
    try:
        return int(s)
    except ValueError:
        return default
    finally:
        pass

print([parse_int(s) for s in ["1", "x", " 42 ", "-3", "4.5"]], parse_int("z", 0))
