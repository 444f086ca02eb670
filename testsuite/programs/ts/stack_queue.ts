// Stack and queue built on arrays; bracket matching and a BFS on a grid.
function balanced(s: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  for (const ch of s) {
    if (ch === "(" || ch === "[" || ch === "{") {
      stack.push(ch);
    } else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) return false;
    }
  }
  return stack.length === 0;
}
for (const s of ["([]{})", "([)]", "((", "a(b)c[d]{e}", ""]) {
  console.log(JSON.stringify(s), balanced(s));
}

const grid = ["S.#.....", ".##.###.", "....#...", ".##...#E"];
function bfs(): number {
  const rows = grid.length;
  const cols = grid[0].length;
  const seen: boolean[][] = grid.map((r) => r.split("").map(() => false));
  const queue: Array<[number, number, number]> = [[0, 0, 0]];
  seen[0][0] = true;
  while (queue.length > 0) {
    const [r, c, d] = queue.shift()!;
    if (grid[r][c] === "E") return d;
    const dirs = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    for (const [dr, dc] of dirs) {
      const nr = r + dr;
      const nc = c + dc;
      if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
      if (seen[nr][nc] || grid[nr][nc] === "#") continue;
      seen[nr][nc] = true;
      queue.push([nr, nc, d + 1]);
    }
  }
  return -1;
}
console.log("shortest path:", bfs());

const stack: number[] = [];
for (let i = 1; i <= 5; i++) stack.push(i * i);
const popped: number[] = [];
while (stack.length) popped.push(stack.pop()!);
console.log(popped);
const q: string[] = [];
q.push("a", "b");
q.unshift("z");
console.log(q.shift(), q, q.length);
