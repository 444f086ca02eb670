// Errors: throw/catch/finally, custom error objects, rethrow, runtime errors.
function divide(a: number, b: number): number {
  if (b === 0) {
    throw new Error("division by zero");
  }
  return a / b;
}

function safeDivide(a: number, b: number): string {
  try {
    return "ok " + divide(a, b);
  } catch (e: any) {
    return "failed: " + e.message;
  }
}

console.log(safeDivide(10, 4));
console.log(safeDivide(1, 0));

const steps: string[] = [];
function withFinally(fail: boolean): void {
  try {
    steps.push("start");
    if (fail) throw new RangeError("bad range");
    steps.push("body done");
  } catch (e) {
    if (e instanceof RangeError) {
      steps.push("range error: " + (e as Error).message);
    } else {
      steps.push("other");
    }
  } finally {
    steps.push("finally");
  }
}
withFinally(false);
withFinally(true);
console.log(steps.join(" | "));

function parseAge(text: string): number {
  const n = Number(text);
  if (isNaN(n)) throw new TypeError(`not a number: ${text}`);
  if (n < 0 || n > 150) throw new RangeError(`out of range: ${n}`);
  return n;
}

for (const input of ["42", "abc", "-3", "7.5"]) {
  try {
    console.log("age", parseAge(input));
  } catch (e) {
    const err = e as Error;
    console.log(err.name + ":", err.message);
  }
}

function nested(): string {
  try {
    try {
      throw new Error("inner");
    } catch (e) {
      throw new Error("outer from " + (e as Error).message);
    }
  } catch (e) {
    return (e as Error).message;
  }
}
console.log(nested());

try {
  throw { code: 42, reason: "custom object" };
} catch (e: any) {
  console.log(e.code, e.reason);
}

try {
  throw "plain string";
} catch (e) {
  console.log("caught:", e);
}

let cleanup = 0;
for (let i = 0; i < 3; i++) {
  try {
    if (i === 1) throw new Error("skip " + i);
    console.log("iteration", i);
  } catch (e) {
    console.log(String(e));
  } finally {
    cleanup++;
  }
}
console.log("cleanup ran", cleanup, "times");
