// `finally` with return, break and continue, nested try blocks and loops inside them.
const trace: string[] = [];

function openAndRead(name: string): string {
  trace.push("open " + name);
  try {
    if (name === "") return "no name";
    if (name === "bad") throw new Error("cannot read " + name);
    return "contents of " + name;
  } finally {
    trace.push("close " + name);
  }
}
console.log(openAndRead("a.txt"));
console.log(openAndRead(""));
try {
  openAndRead("bad");
} catch (e: any) {
  console.log("error:", e.message);
}
console.log(trace.join("; "));

// A return in `finally` overrides the try's return and a pending error.
function override(fail: boolean): string {
  try {
    if (fail) throw new Error("hidden");
    return "from try";
  } finally {
    return "from finally";
  }
}
console.log(override(false), override(true));

// break and continue leaving try and catch blocks run `finally` each time.
function retry(attempts: number): string[] {
  const log: string[] = [];
  for (let i = 1; i <= attempts; i++) {
    try {
      if (i % 2 === 1) throw new Error("attempt " + i + " failed");
      if (i === 4) break;
      log.push("ok " + i);
      continue;
    } catch (e: any) {
      log.push(e.message);
      if (i === 5) break;
      continue;
    } finally {
      log.push("cleanup " + i);
    }
  }
  return log;
}
console.log(retry(6));
console.log(retry(2));

// Return from loops nested inside two try blocks: every finally runs, innermost first.
function search(table: number[][], wanted: number): string {
  const steps: string[] = [];
  try {
    for (let r = 0; r < table.length; r++) {
      try {
        let c = 0;
        while (c < table[r].length) {
          if (table[r][c] === wanted) return `found ${wanted} at ${r},${c}`;
          c++;
        }
      } finally {
        steps.push("row " + r);
      }
    }
  } finally {
    steps.push("done");
    console.log(steps.join(" > "));
  }
  return "no " + wanted;
}
console.log(search([[1, 2], [3, 4], [5, 6]], 4));
console.log(search([[1, 2]], 9));

// A do-while and a switch inside try, with continue through the finally.
function tally(values: number[]): number {
  let total = 0;
  let i = 0;
  do {
    try {
      switch (values[i]) {
        case 0:
          continue;
        case -1:
          return total;
        default:
          total += values[i];
      }
    } finally {
      i++;
    }
  } while (i < values.length);
  return total * 100;
}
console.log(tally([1, 0, 2, 3]), tally([5, -1, 7]));

// break in finally cancels a pending error.
function swallow(): string {
  let note = "none";
  for (const word of ["x", "y"]) {
    try {
      throw new Error("lost " + word);
    } finally {
      note = "stopped at " + word;
      break;
    }
  }
  return note;
}
console.log(swallow());

// Closures in the loop see per-iteration values even when jumps pass through finally.
const later: (() => string)[] = [];
for (let n = 0; n < 5; n++) {
  try {
    if (n === 1) continue;
    if (n === 4) break;
    later.push(() => "kept " + n);
  } finally {
    later.push(() => "finally " + n);
  }
}
console.log(later.map((f) => f()));
