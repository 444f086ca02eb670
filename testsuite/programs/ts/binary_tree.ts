// A binary search tree: insert, traverse, height, search, min/max.
interface Tree {
  key: number;
  left: Tree | null;
  right: Tree | null;
}

function insert(t: Tree | null, key: number): Tree {
  if (t === null) return { key, left: null, right: null };
  if (key < t.key) t.left = insert(t.left, key);
  else if (key > t.key) t.right = insert(t.right, key);
  return t;
}

function inorder(t: Tree | null, out: number[] = []): number[] {
  if (t) {
    inorder(t.left, out);
    out.push(t.key);
    inorder(t.right, out);
  }
  return out;
}

function height(t: Tree | null): number {
  return t === null ? 0 : 1 + Math.max(height(t.left), height(t.right));
}

function contains(t: Tree | null, key: number): boolean {
  while (t) {
    if (key === t.key) return true;
    t = key < t.key ? t.left : t.right;
  }
  return false;
}

function levels(t: Tree | null): number[][] {
  const out: number[][] = [];
  let frontier = t ? [t] : [];
  while (frontier.length > 0) {
    out.push(frontier.map((n) => n.key));
    const next: Tree[] = [];
    for (const n of frontier) {
      if (n.left) next.push(n.left);
      if (n.right) next.push(n.right);
    }
    frontier = next;
  }
  return out;
}

let root: Tree | null = null;
for (const k of [50, 30, 70, 20, 40, 60, 80, 35, 65, 30]) root = insert(root, k);
console.log("inorder:", inorder(root).join(" "));
console.log("height:", height(root));
console.log("contains 35/36:", contains(root, 35), contains(root, 36));
console.log("levels:", levels(root));
let min = root!;
while (min.left) min = min.left;
console.log("min:", min.key);
console.log(JSON.stringify(root).length);
