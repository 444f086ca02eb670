-- Indexing a field of a missing record.
local people = { alice = { age = 31 }, bob = { age = 27 } }

local function age_of(name)
  return people[name].age
end

print(age_of("alice"))
print(age_of("bob"))
print(age_of("carol"))
