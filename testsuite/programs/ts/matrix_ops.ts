// Matrices as nested arrays: multiply, transpose, identity, determinant.
type Matrix = number[][];

function identity(n: number): Matrix {
  const m: Matrix = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(i === j ? 1 : 0);
    m.push(row);
  }
  return m;
}

function transpose(m: Matrix): Matrix {
  return m[0].map((_, j) => m.map((row) => row[j]));
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

function det(m: Matrix): number {
  if (m.length === 1) return m[0][0];
  if (m.length === 2) return m[0][0] * m[1][1] - m[0][1] * m[1][0];
  let sum = 0;
  for (let j = 0; j < m.length; j++) {
    const minor = m.slice(1).map((row) => row.filter((_, k) => k !== j));
    sum += (j % 2 === 0 ? 1 : -1) * m[0][j] * det(minor);
  }
  return sum;
}

function show(m: Matrix): string {
  return m.map((r) => r.map((v) => String(v).padStart(4)).join("")).join("\n");
}

const a: Matrix = [
  [1, 2, 3],
  [4, 5, 6],
];
const b: Matrix = [
  [7, 8],
  [9, 10],
  [11, 12],
];
console.log(show(multiply(a, b)));
console.log(transpose(a));
console.log(identity(3));
console.log(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(4)));
console.log(multiply(identity(2), [[1.5, 2], [3, 4.25]]));
