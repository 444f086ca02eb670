// Reading a property of a property that is not there, inside a loop in a function.
function describe(items) {
  const out = [];
  for (const item of items) {
    console.log("describing", item.name);
    out.push(item.name + " weighs " + item.size.kg);
  }
  return out;
}

console.log("start");
describe([{ name: "anvil", size: { kg: 50 } }, { name: "feather" }]);
console.log("not reached");
