// A linked list built from plain objects, with insertion, removal and traversal.
type ListNode = { value: number; next: ListNode | null };

function fromArray(xs: number[]): ListNode | null {
  let head: ListNode | null = null;
  for (let i = xs.length - 1; i >= 0; i--) head = { value: xs[i], next: head };
  return head;
}

function toArray(n: ListNode | null): number[] {
  const out: number[] = [];
  while (n !== null) {
    out.push(n.value);
    n = n.next;
  }
  return out;
}

function reverseList(n: ListNode | null): ListNode | null {
  let prev: ListNode | null = null;
  while (n) {
    const next: ListNode | null = n.next;
    n.next = prev;
    prev = n;
    n = next;
  }
  return prev;
}

function removeAll(n: ListNode | null, v: number): ListNode | null {
  if (!n) return null;
  const rest = removeAll(n.next, v);
  if (n.value === v) return rest;
  n.next = rest;
  return n;
}

function insertSorted(n: ListNode | null, v: number): ListNode {
  if (!n || v <= n.value) return { value: v, next: n };
  n.next = insertSorted(n.next, v);
  return n;
}

let list = fromArray([1, 2, 3, 2, 4]);
console.log(toArray(list));
list = reverseList(list);
console.log(toArray(list));
list = removeAll(list, 2);
console.log(toArray(list));
let sorted: ListNode | null = null;
for (const v of [5, 1, 4, 2, 3]) sorted = insertSorted(sorted, v);
console.log(toArray(sorted).join(" -> "));
console.log(fromArray([7]));
console.log(fromArray([1, 2, 3]));
