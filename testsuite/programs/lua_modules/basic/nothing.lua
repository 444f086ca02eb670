-- nothing: a module that returns no value
print("[nothing] loading")
local hidden = "not exported"
local _ = hidden
