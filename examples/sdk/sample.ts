// A TypeScript script calling the Weft SDK. `weft sdk --lang ts -o weft.d.ts` writes the
// declarations an editor (or `tsc --noEmit weft.d.ts sample.ts`) checks it against.
const scores: number[] = [7, 3, 9];
const ordered: number[] = list.sort(list.concat(scores, [5]));
const names: string[] = obj.keys({ ada: 1, bob: 2 });
console.log(list.join(ordered, ","), list.len(names), str.upper(list.get(names, 0)));
const total: number = list.reduce(ordered, (sum: number, x: number) => sum + x, 0);
console.log(math.clamp(total, 0, 20), str.repeat("ab", 2), json.stringify({ n: list.len(ordered) }));
std.log(std.typeof(list.new(1, 2)), str.startsWith("weft", "we"));
