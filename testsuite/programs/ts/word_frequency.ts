// Word frequency count with objects and sorting of entries.
const text = `It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity`;

function tokenize(s: string): string[] {
  const out: string[] = [];
  let word = "";
  for (const ch of s.toLowerCase()) {
    if (ch >= "a" && ch <= "z") {
      word += ch;
    } else if (word.length > 0) {
      out.push(word);
      word = "";
    }
  }
  if (word) out.push(word);
  return out;
}

const tokens = tokenize(text);
console.log("tokens:", tokens.length);
const freq: { [w: string]: number } = {};
for (const t of tokens) freq[t] = (freq[t] ?? 0) + 1;

const ranked = Object.entries(freq).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
for (const [w, n] of ranked.slice(0, 6)) {
  console.log(`${w.padEnd(8)} ${"#".repeat(n)} ${n}`);
}
const unique = ranked.filter(([, n]) => n === 1).map(([w]) => w);
console.log("once:", unique.join(" "));
const longest = tokens.reduce((best, w) => (w.length > best.length ? w : best), "");
console.log("longest:", longest, longest.length);
const byLetter: Record<string, string[]> = {};
for (const w of Object.keys(freq)) {
  const first = w[0];
  if (!byLetter[first]) byLetter[first] = [];
  byLetter[first].push(w);
}
console.log(byLetter);
