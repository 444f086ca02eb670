# Reading past the end of a list.
rows = [[1, 2], [3, 4], [5]]
for row in rows:
    print(row[0])
    print(row[0] + row[1])
