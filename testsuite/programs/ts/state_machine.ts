// A traffic-light state machine and a tiny tokenizer driven by states.
type State = "green" | "yellow" | "red";
const transitions: Record<State, { next: State; ticks: number }> = {
  green: { next: "yellow", ticks: 3 },
  yellow: { next: "red", ticks: 1 },
  red: { next: "green", ticks: 2 },
};

let state: State = "green";
let remaining = transitions[state].ticks;
const timeline: string[] = [];
for (let t = 0; t < 12; t++) {
  timeline.push(state[0].toUpperCase());
  remaining--;
  if (remaining === 0) {
    state = transitions[state].next;
    remaining = transitions[state].ticks;
  }
}
console.log(timeline.join(""));

type Token = { kind: string; text: string };
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      i++;
    } else if (ch >= "0" && ch <= "9") {
      let j = i;
      while (j < src.length && ((src[j] >= "0" && src[j] <= "9") || src[j] === ".")) j++;
      tokens.push({ kind: "num", text: src.slice(i, j) });
      i = j;
    } else if ((ch >= "a" && ch <= "z") || ch === "_") {
      let j = i;
      while (j < src.length && ((src[j] >= "a" && src[j] <= "z") || src[j] === "_")) j++;
      tokens.push({ kind: "ident", text: src.substring(i, j) });
      i = j;
    } else {
      tokens.push({ kind: "op", text: ch });
      i++;
    }
  }
  return tokens;
}

const toks = tokenize("rate * 1.5 + base_pay - (hours / 2)");
console.log(toks.map((t) => `${t.kind}:${t.text}`).join(" "));
console.log(toks.filter((t) => t.kind === "num"));
console.log(toks.length, toks[0], toks[toks.length - 1]);
