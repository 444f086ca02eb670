// Sorting algorithms implemented by hand, checked against the built-in sort.
function bubbleSort(input: number[]): number[] {
  const a = input.slice();
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < a.length - 1 - i; j++) {
      if (a[j] > a[j + 1]) {
        const t = a[j];
        a[j] = a[j + 1];
        a[j + 1] = t;
      }
    }
  }
  return a;
}

function quickSort(a: number[]): number[] {
  if (a.length <= 1) return a;
  const [pivot, ...rest] = a;
  const left = rest.filter((x) => x < pivot);
  const right = rest.filter((x) => x >= pivot);
  return [...quickSort(left), pivot, ...quickSort(right)];
}

function mergeSort(a: number[]): number[] {
  if (a.length < 2) return a;
  const mid = Math.floor(a.length / 2);
  const l = mergeSort(a.slice(0, mid));
  const r = mergeSort(a.slice(mid));
  const out: number[] = [];
  let i = 0,
    j = 0;
  while (i < l.length && j < r.length) {
    out.push(l[i] <= r[j] ? l[i++] : r[j++]);
  }
  while (i < l.length) out.push(l[i++]);
  while (j < r.length) out.push(r[j++]);
  return out;
}

function insertionSort(input: number[]): number[] {
  const a = [...input];
  for (let i = 1; i < a.length; i++) {
    const key = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
  return a;
}

let seed = 7;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % 100;
}
const data: number[] = [];
for (let k = 0; k < 25; k++) data.push(rand());
console.log("data", data);
const expected = [...data].sort((x, y) => x - y);
console.log("sorted", expected);
for (const [name, f] of [
  ["bubble", bubbleSort],
  ["quick", quickSort],
  ["merge", mergeSort],
  ["insertion", insertionSort],
] as Array<[string, (a: number[]) => number[]]>) {
  const got = f(data);
  console.log(name.padEnd(10), got.join(",") === expected.join(",") ? "ok" : "WRONG");
}
const words = ["pear", "Apple", "fig", "banana", "cherry"];
console.log([...words].sort(), [...words].sort((a, b) => a.length - b.length || a.localeCompare(b)));
