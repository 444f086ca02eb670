// A small report: grouping records, totals, formatted table output.
interface Sale {
  region: string;
  product: string;
  units: number;
  price: number;
}

const sales: Sale[] = [
  { region: "north", product: "widget", units: 12, price: 2.5 },
  { region: "south", product: "gadget", units: 3, price: 19.99 },
  { region: "north", product: "gadget", units: 7, price: 19.99 },
  { region: "east", product: "widget", units: 30, price: 2.25 },
  { region: "south", product: "widget", units: 5, price: 2.5 },
  { region: "east", product: "doohickey", units: 1, price: 99 },
];

const byRegion: Record<string, { units: number; revenue: number; products: string[] }> = {};
for (const s of sales) {
  const entry = byRegion[s.region] ?? { units: 0, revenue: 0, products: [] };
  entry.units += s.units;
  entry.revenue += s.units * s.price;
  if (!entry.products.includes(s.product)) entry.products.push(s.product);
  byRegion[s.region] = entry;
}

const header = "region".padEnd(8) + "units".padStart(6) + "revenue".padStart(10) + "  products";
console.log(header);
console.log("-".repeat(header.length));
const regions = Object.keys(byRegion).sort();
let grand = 0;
for (const r of regions) {
  const e = byRegion[r];
  grand += e.revenue;
  console.log(r.padEnd(8) + String(e.units).padStart(6) + e.revenue.toFixed(2).padStart(10) + "  " + e.products.join("/"));
}
console.log("grand total:", grand.toFixed(2), Math.round(grand * 100) / 100);
const best = sales.reduce((m, s) => (s.units * s.price > m.units * m.price ? s : m));
console.log("best sale:", best);
const avg = sales.map((s) => s.price).reduce((a, b) => a + b, 0) / sales.length;
console.log("average price:", avg, avg.toFixed(3));
console.log(byRegion);
