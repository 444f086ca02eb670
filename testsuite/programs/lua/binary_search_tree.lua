-- A binary search tree: insert, search, in-order traversal, height, min/max.
local function insert(node, key)
  if node == nil then return {key = key} end
  if key < node.key then
    node.left = insert(node.left, key)
  elseif key > node.key then
    node.right = insert(node.right, key)
  end
  return node
end

local function contains(node, key)
  while node do
    if key == node.key then return true end
    node = key < node.key and node.left or node.right
  end
  return false
end

local function inorder(node, out)
  out = out or {}
  if node then
    inorder(node.left, out)
    out[#out + 1] = node.key
    inorder(node.right, out)
  end
  return out
end

local function height(node)
  if not node then return 0 end
  return 1 + math.max(height(node.left), height(node.right))
end

local function extreme(node, side)
  while node[side] do node = node[side] end
  return node.key
end

local root
for _, k in ipairs({50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30}) do
  root = insert(root, k)
end
print("in order:", table.concat(inorder(root), " "))
print("height:", height(root))
print("min/max:", extreme(root, "left"), extreme(root, "right"))
for _, k in ipairs({45, 55, 80, 10}) do
  print("contains", k, contains(root, k))
end

local words
for w in ("kiwi apple mango banana cherry apple fig"):gmatch("%a+") do
  words = insert(words, w)
end
print(table.concat(inorder(words), ","))
