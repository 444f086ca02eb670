// Optional chaining and nullish coalescing with null values.
interface Node2 {
  value: number;
  next: Node2 | null;
  meta?: { label?: string };
}

const list: Node2 = { value: 1, next: { value: 2, next: { value: 3, next: null } } };
console.log(list.next?.next?.value, list.next?.next?.next?.value ?? "end");
console.log(list.meta?.label ?? "no label");
const labelled: Node2 = { value: 9, next: null, meta: { label: "nine" } };
console.log(labelled.meta?.label?.toUpperCase());

function lengthOf(n: Node2 | null): number {
  let count = 0;
  let cur = n;
  while (cur) {
    count++;
    cur = cur.next;
  }
  return count;
}
console.log("length", lengthOf(list), lengthOf(null));

const config: { [k: string]: any } = { retries: 0, name: "", verbose: false, timeout: null };
console.log(config.retries ?? 5, config.retries || 5);
console.log(config.name ?? "anon", config.name || "anon");
console.log(config.timeout ?? 30, config.missing ?? "default");
let cache: number[] | null = null;
cache ??= [];
cache.push(1);
cache ??= [99];
console.log(cache);
let flag = 0;
flag ||= 7;
flag &&= flag + 1;
console.log(flag);

const handlers: { [k: string]: ((x: number) => number) | undefined } = {
  double: (x) => x * 2,
};
console.log(handlers.double?.(21), handlers.triple?.(1) ?? "no handler");
const arr: number[][] | null = [[1, 2], [3]];
console.log(arr?.[1]?.[0], arr?.[5]?.[0] ?? "none");
