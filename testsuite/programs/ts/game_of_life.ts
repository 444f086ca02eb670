// Conway's game of life on a small wrapped grid.
function parse(rows: string[]): boolean[][] {
  return rows.map((r) => r.split("").map((c) => c === "#"));
}

function step(g: boolean[][]): boolean[][] {
  const h = g.length;
  const w = g[0].length;
  const next: boolean[][] = [];
  for (let y = 0; y < h; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          if (g[(y + dy + h) % h][(x + dx + w) % w]) n++;
        }
      }
      row.push(n === 3 || (n === 2 && g[y][x]));
    }
    next.push(row);
  }
  return next;
}

const render = (g: boolean[][]) => g.map((r) => r.map((c) => (c ? "#" : ".")).join("")).join("\n");
let grid = parse(["......", "..#...", "...#..", ".###..", "......", "......"]);
for (let gen = 0; gen < 4; gen++) {
  console.log(`gen ${gen}:`);
  console.log(render(grid));
  grid = step(grid);
}
const alive = grid.reduce((s, r) => s + r.filter(Boolean).length, 0);
console.log("alive after 4:", alive);
