// Dynamic programming: edit distance, longest common subsequence, coin change, knapsack.
function editDistance(a: string, b: string): number {
  const dp: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    dp.push([]);
    for (let j = 0; j <= b.length; j++) {
      if (i === 0) dp[i].push(j);
      else if (j === 0) dp[i].push(i);
      else {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        dp[i].push(Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + cost));
      }
    }
  }
  return dp[a.length][b.length];
}

function lcs(a: string, b: string): string {
  const m = a.length,
    n = b.length;
  const t: number[][] = [];
  for (let i = 0; i <= m; i++) t.push([]);
  for (let i = 0; i <= m; i++) for (let j = 0; j <= n; j++) t[i][j] = i === 0 || j === 0 ? 0 : a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  let out = "";
  let i = m,
    j = n;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      out = a[i - 1] + out;
      i--;
      j--;
    } else if (t[i - 1][j] >= t[i][j - 1]) i--;
    else j--;
  }
  return out;
}

function coinChange(coins: number[], amount: number): number {
  const best: number[] = [0];
  for (let v = 1; v <= amount; v++) {
    best[v] = Infinity;
    for (const c of coins) if (c <= v && best[v - c] + 1 < best[v]) best[v] = best[v - c] + 1;
  }
  return best[amount] === Infinity ? -1 : best[amount];
}

function knapsack(items: Array<{ w: number; v: number }>, cap: number): number {
  const best: number[] = [];
  for (let c = 0; c <= cap; c++) best.push(0);
  for (const { w, v } of items) for (let c = cap; c >= w; c--) best[c] = Math.max(best[c], best[c - w] + v);
  return best[cap];
}

console.log(editDistance("kitten", "sitting"), editDistance("", "abc"), editDistance("flaw", "lawn"));
console.log(lcs("ABCBDAB", "BDCABA"), lcs("weft", "left"));
console.log(coinChange([1, 5, 10, 25], 63), coinChange([2], 3), coinChange([3, 7], 20));
console.log(knapsack([{ w: 1, v: 1 }, { w: 3, v: 4 }, { w: 4, v: 5 }, { w: 5, v: 7 }], 7));
