// An error thrown two calls deep and caught by nobody.
function check(n) {
  if (n > 2) {
    throw new Error("too big: " + n);
  }
  return n * 10;
}

function run(limit) {
  let sum = 0;
  for (let i = 0; i <= limit; i++) {
    sum += check(i);
    console.log("sum", sum);
  }
  return sum;
}

run(5);
