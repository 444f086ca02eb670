-- counter: prints when loaded, so we can see it loads only once
print("[counter] loading")

local counter = {count = 0}

function counter.bump(by)
  counter.count = counter.count + (by or 1)
  return counter.count
end

return counter
