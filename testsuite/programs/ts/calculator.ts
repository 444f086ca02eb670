// A recursive-descent expression evaluator with error reporting.
function evaluate(src: string): number {
  let pos = 0;
  const peek = () => src[pos] ?? "";
  const skip = () => {
    while (peek() === " ") pos++;
  };
  function number(): number {
    skip();
    const start = pos;
    while ((peek() >= "0" && peek() <= "9") || peek() === ".") pos++;
    if (start === pos) throw new SyntaxError(`expected a number at ${pos}`);
    return parseFloat(src.slice(start, pos));
  }
  function factor(): number {
    skip();
    if (peek() === "(") {
      pos++;
      const v = expr();
      skip();
      if (peek() !== ")") throw new SyntaxError(`expected ) at ${pos}`);
      pos++;
      return v;
    }
    if (peek() === "-") {
      pos++;
      return -factor();
    }
    return number();
  }
  function term(): number {
    let v = factor();
    for (;;) {
      skip();
      const op = peek();
      if (op !== "*" && op !== "/" && op !== "%") return v;
      pos++;
      const rhs = factor();
      if (op === "/" && rhs === 0) throw new RangeError("division by zero");
      v = op === "*" ? v * rhs : op === "/" ? v / rhs : v % rhs;
    }
  }
  function expr(): number {
    let v = term();
    for (;;) {
      skip();
      const op = peek();
      if (op !== "+" && op !== "-") return v;
      pos++;
      v = op === "+" ? v + term() : v - term();
    }
  }
  const result = expr();
  skip();
  if (pos < src.length) throw new SyntaxError(`unexpected '${src[pos]}' at ${pos}`);
  return result;
}

const cases = ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4", "-(2 + 3) * -2", "7 % 4 + 0.5", "2 * (3 + ", "1 / 0", "4 $ 4", "1.5 * 1.5"];
for (const c of cases) {
  try {
    console.log(c.padEnd(14), "=", evaluate(c));
  } catch (e: any) {
    console.log(c.padEnd(14), "!", e.name, e.message);
  }
}
