# Parsing an event log, aggregating durations per user and spotting errors.

LOG = """
09:00 alice login
09:05 bob login
09:20 alice upload 300
09:31 bob error disk-full
09:45 alice logout
10:02 bob upload 120
10:10 carol login
10:15 bob logout
10:40 carol error timeout
""".strip().splitlines()

def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)

sessions, uploads, errors = {}, {}, []
open_at = {}
for line in LOG:
    time, user, action, *rest = line.split()
    t = minutes(time)
    if action == "login":
        open_at[user] = t
    elif action == "logout":
        sessions[user] = sessions.get(user, 0) + t - open_at.pop(user)
    elif action == "upload":
        uploads[user] = uploads.get(user, 0) + int(rest[0])
    elif action == "error":
        errors.append((time, user, rest[0]))

for user in sorted(set(sessions) | set(uploads)):
    print(f"{user:<6} online {sessions.get(user, 0):>3} min, uploaded {uploads.get(user, 0):>4} KB")
print("still online:", sorted(open_at))
print("errors:", errors)
worst = max(errors, key=lambda e: minutes(e[0]))
print("last error at", worst[0], "by", worst[1])
print(f"{sum(uploads.values()) / len(uploads):.1f} KB per uploader")
