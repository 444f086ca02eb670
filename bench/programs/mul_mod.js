let i = 0, x = 1;
while (i < 10000000) { x = (x * 31 + i) % 1000003; i = i + 1; }
console.log(x);
