// Array processing: map, filter, reduce, sort, find, some/every.
interface Item {
  name: string;
  price: number;
  tags: string[];
}

const items: Item[] = [
  { name: "pen", price: 1.5, tags: ["office"] },
  { name: "lamp", price: 24, tags: ["home", "light"] },
  { name: "mug", price: 8.25, tags: ["home", "kitchen"] },
  { name: "desk", price: 120, tags: ["office", "home"] },
  { name: "cable", price: 5, tags: [] },
];

const total = items.reduce((sum, it) => sum + it.price, 0);
console.log("total:", total);
console.log("cheap:", items.filter((it) => it.price < 10).map((it) => it.name));
const byPrice = [...items].sort((x, y) => y.price - x.price);
console.log("by price:", byPrice.map((it) => `${it.name}=${it.price}`).join(", "));
console.log("first home:", items.find((it) => it.tags.includes("home"))?.name);
console.log("any free?", items.some((it) => it.price === 0), "all named?", items.every((it) => it.name.length > 0));
console.log("index of mug:", items.findIndex((it) => it.name === "mug"));

const tagCounts: Record<string, number> = {};
for (const it of items) {
  for (const t of it.tags) {
    tagCounts[t] = (tagCounts[t] ?? 0) + 1;
  }
}
console.log(tagCounts);

const nums = [5, 3, 8, 1, 9, 2, 7];
console.log([...nums].sort(), [...nums].sort((a, b) => a - b));
console.log(nums.slice(2, 5), nums.slice(-2), nums.indexOf(9), nums.includes(4));
const copy = nums.slice();
copy.reverse();
console.log(copy, nums);
const removed = copy.splice(1, 2, 100, 200, 300);
console.log(removed, copy);
console.log([[1, 2], [3, [4, 5]]].flat(), [1, 2, 3].flatMap((x) => [x, x * 10]));
