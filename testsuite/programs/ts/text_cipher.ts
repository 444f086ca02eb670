// Caesar and Vigenere ciphers, run-length encoding, palindromes.
const A = "a".charCodeAt(0);

function shiftChar(ch: string, k: number): string {
  const code = ch.charCodeAt(0);
  if (ch >= "a" && ch <= "z") {
    return String.fromCharCode(((((code - A + k) % 26) + 26) % 26) + A);
  }
  return ch;
}

function caesar(s: string, k: number): string {
  return s
    .split("")
    .map((ch) => shiftChar(ch, k))
    .join("");
}

function vigenere(s: string, key: string, dir: number): string {
  let out = "";
  let j = 0;
  for (const ch of s) {
    if (ch >= "a" && ch <= "z") {
      out += shiftChar(ch, dir * (key.charCodeAt(j % key.length) - A));
      j++;
    } else {
      out += ch;
    }
  }
  return out;
}

function rle(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s[j] === s[i]) j++;
    out += (j - i > 1 ? j - i : "") + s[i];
    i = j;
  }
  return out;
}

function isPalindrome(s: string): boolean {
  const clean = s.toLowerCase().split("").filter((c) => c >= "a" && c <= "z");
  return clean.join("") === [...clean].reverse().join("");
}

const msg = "attack at dawn, hold the line";
const enc = caesar(msg, 3);
console.log(enc);
console.log(caesar(enc, -3));
const v = vigenere(msg, "lemon", 1);
console.log(v, "|", vigenere(v, "lemon", -1));
console.log(rle("aaabccddddde"), rle("abc"), rle(""));
for (const s of ["A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw"]) {
  console.log(isPalindrome(s), s);
}
console.log("z".charCodeAt(0), String.fromCharCode(72, 105), "abc".at(-1), "abc".codePointAt(1));
