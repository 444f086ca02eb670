export default function makeQueue() {
  return { items: [], push(x) { this.items.push(x); } };
}
