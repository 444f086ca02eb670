// A small to-do list manager: ids, filtering, updates, summaries.
interface Todo {
  id: number;
  title: string;
  done: boolean;
  priority: "low" | "high";
}

let nextId = 1;
const todos: Todo[] = [];

function add(title: string, priority: Todo["priority"] = "low"): Todo {
  const t = { id: nextId++, title, done: false, priority };
  todos.push(t);
  return t;
}

function complete(id: number): void {
  const t = todos.find((x) => x.id === id);
  if (!t) throw new Error(`no todo with id ${id}`);
  t.done = true;
}

function remove(id: number): boolean {
  const i = todos.findIndex((x) => x.id === id);
  if (i < 0) return false;
  todos.splice(i, 1);
  return true;
}

function summary(): string {
  const open = todos.filter((t) => !t.done);
  const high = open.filter((t) => t.priority === "high").length;
  return `${todos.length} total, ${open.length} open (${high} high priority)`;
}

add("write lowering");
add("snapshot tests", "high");
add("corpus programs", "high");
add("docs");
console.log(summary());
complete(2);
complete(4);
console.log(summary());
try {
  complete(99);
} catch (e) {
  console.log((e as Error).message);
}
console.log(remove(1), remove(1));
for (const t of todos) {
  console.log(`${t.done ? "[x]" : "[ ]"} #${t.id} ${t.title}${t.priority === "high" ? " !" : ""}`);
}
console.log(todos.map(({ id, done }) => ({ id, done })));
const byPriority = todos.reduce<Record<string, string[]>>((acc, t) => {
  acc[t.priority] = [...(acc[t.priority] ?? []), t.title];
  return acc;
}, {});
console.log(byPriority);
