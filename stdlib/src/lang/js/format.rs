//! `js.format`: the text node's `console.log` prints for its arguments, following the
//! rules of node's `util.inspect` with its defaults (depth 2, break length 80, compact 3):
//! strings quoted inside containers (`'x'`, or `"x"` / `` `x` `` when that avoids escapes),
//! `-0`, short containers on one line as `[ 1, 2 ]` / `{ a: 1 }`, longer ones one entry per
//! line, and arrays of more than six entries grouped into aligned columns.

use weft_runtime::{Heap, RuntimeError, Value};

use super::convert::{error_parts, number_to_string};
use crate::call::Call;

const BREAK_LENGTH: usize = 80;
const DEPTH: usize = 2;
const COMPACT: usize = 3;
const MAX_ARRAY: usize = 100;

pub(super) fn format(c: &mut Call<'_>) -> Result<Value, RuntimeError> {
    let mut parts = Vec::with_capacity(c.args.len());
    for &v in c.args {
        parts.push(match v {
            Value::Str(_) => c.heap().str(v).unwrap_or_default().to_owned(),
            _ => Inspector::new(c.heap()).value(v, 0),
        });
    }
    let line = parts.join(" ");
    c.charge_bytes(line.len())?;
    c.heap().check_room(line.len())?;
    c.alloc_str(line)
}

/// One `util.inspect` run: the indentation and depth bookkeeping node keeps in its context.
struct Inspector<'h> {
    heap: &'h Heap,
    indentation: usize,
    current_depth: usize,
    seen: Vec<Value>,
}

impl<'h> Inspector<'h> {
    fn new(heap: &'h Heap) -> Inspector<'h> {
        Inspector {
            heap,
            indentation: 0,
            current_depth: 0,
            seen: Vec::new(),
        }
    }

    fn value(&mut self, v: Value, recurse: usize) -> String {
        match v {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) if f == 0.0 && f.is_sign_negative() => "-0".to_owned(),
            Value::Float(f) => number_to_string(f),
            Value::Str(_) => quote(self.heap.str(v).unwrap_or_default()),
            Value::Closure(_) => "[Function (anonymous)]".to_owned(),
            Value::Handle(_) | Value::Cell(_) => "[Handle]".to_owned(),
            Value::List(_) | Value::Obj(_) => self.container(v, recurse),
        }
    }

    fn container(&mut self, v: Value, recurse: usize) -> String {
        if self.seen.contains(&v) {
            return "[Circular *1]".to_owned();
        }
        if let Some((kind, entries)) = collection(self.heap, v) {
            return self.collection(v, kind, entries, recurse);
        }
        if let Some((name, _, _)) = self.heap.class_of(v) {
            return format!(
                "[class {}]",
                if name.is_empty() { "(anonymous)" } else { name }
            );
        }
        let class = class_name(self.heap, v);
        if let Some(class) = class
            && error_parts(self.heap, v).is_none()
        {
            let inner = self.plain_container(v, recurse);
            return format!("{class} {inner}");
        }
        self.plain_container(v, recurse)
    }

    /// A Map (`Map(n) { k => v }`) or a Set (`Set(n) { v }`), as node prints them.
    fn collection(&mut self, v: Value, kind: &str, entries: Entries, recurse: usize) -> String {
        let n = entries.len();
        if n == 0 {
            return format!("{kind}(0) {{}}");
        }
        if recurse > DEPTH {
            return format!("[{kind}]");
        }
        let recurse = recurse + 1;
        self.seen.push(v);
        self.current_depth = recurse;
        let mut output = Vec::new();
        for (k, val) in entries {
            self.indentation += 2;
            let key = self.value(k, recurse);
            let text = match val {
                Some(val) => format!("{key} => {}", self.value(val, recurse)),
                None => key,
            };
            self.indentation -= 2;
            output.push(text);
        }
        self.seen.pop();
        format!("{kind}({n}) {}", self.reduce(output, false, false, recurse))
    }

    fn plain_container(&mut self, v: Value, recurse: usize) -> String {
        let is_array = matches!(v, Value::List(_));
        let len = match v {
            Value::List(_) => self.heap.list(v).map_or(0, <[Value]>::len),
            _ => self.heap.obj(v).map_or(0, |o| o.len()),
        };
        if len == 0 {
            return if is_array { "[]" } else { "{}" }.to_owned();
        }
        if recurse > DEPTH {
            return if is_array { "[Array]" } else { "[Object]" }.to_owned();
        }
        if !is_array && let Some((name, message)) = error_parts(self.heap, v) {
            return format!("{name}: {message}");
        }
        let recurse = recurse + 1;
        self.seen.push(v);
        self.current_depth = recurse;
        let mut output = Vec::new();
        if is_array {
            let items = self.heap.list(v).unwrap_or_default().to_vec();
            for item in items.iter().take(MAX_ARRAY) {
                self.indentation += 2;
                output.push(self.value(*item, recurse));
                self.indentation -= 2;
            }
            if items.len() > MAX_ARRAY {
                let more = items.len() - MAX_ARRAY;
                output.push(format!(
                    "... {more} more item{}",
                    if more > 1 { "s" } else { "" }
                ));
            }
        } else {
            let entries: Vec<(String, Value)> = self
                .heap
                .obj(v)
                .map(|o| o.iter().map(|(k, v)| (k.to_owned(), v)).collect())
                .unwrap_or_default();
            for (key, item) in entries {
                self.indentation += 2;
                let text = self.value(item, recurse);
                self.indentation -= 2;
                output.push(format!("{}: {text}", key_text(&key)));
            }
        }
        self.seen.pop();
        let numbers = is_array
            && self
                .heap
                .list(v)
                .unwrap_or_default()
                .iter()
                .all(|x| matches!(x, Value::Int(_) | Value::Float(_)));
        self.reduce(output, is_array, numbers, recurse)
    }

    /// node's `reduceToSingleString`: one line when the entries are short enough.
    fn reduce(
        &self,
        mut output: Vec<String>,
        is_array: bool,
        numbers: bool,
        recurse: usize,
    ) -> String {
        let (open, close) = if is_array { ("[", "]") } else { ("{", "}") };
        let entries = output.len();
        if is_array && entries > 6 {
            output = self.group(output, numbers);
        }
        if self.current_depth - recurse < COMPACT && entries == output.len() {
            let start = output.len() + self.indentation + open.len() + 10;
            if self.below_break_length(&output, start) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    return format!("{open} {joined} {close}");
                }
            }
        }
        let ind = format!("\n{}", " ".repeat(self.indentation));
        format!(
            "{open}{ind}  {}{ind}{close}",
            output.join(&format!(",{ind}  "))
        )
    }

    fn below_break_length(&self, output: &[String], start: usize) -> bool {
        let mut total = output.len() + start;
        if total + output.len() > BREAK_LENGTH {
            return false;
        }
        for entry in output {
            total += width(entry);
            if total > BREAK_LENGTH {
                return false;
            }
        }
        true
    }

    /// node's `groupArrayElements`: lays out many short entries in aligned columns.
    fn group(&self, output: Vec<String>, numbers: bool) -> Vec<String> {
        let separator_space = 2;
        let mut output_length = output.len();
        if output.last().is_some_and(|s| s.starts_with("... ")) && output.len() > MAX_ARRAY {
            output_length -= 1;
        }
        let data_len: Vec<usize> = output.iter().map(|s| width(s)).collect();
        let mut total_length = 0;
        let mut max_length = 0;
        for &len in &data_len[..output_length] {
            total_length += len + separator_space;
            max_length = max_length.max(len);
        }
        let actual_max = max_length + separator_space;
        if actual_max * 3 + self.indentation >= BREAK_LENGTH
            || (total_length as f64 / actual_max as f64 <= 5.0 && max_length > 6)
        {
            return output;
        }
        let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
        let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
        let columns = [
            ((2.5 * biased_max * output_length as f64).sqrt() / biased_max + 0.5).floor() as usize,
            (BREAK_LENGTH - self.indentation) / actual_max,
            COMPACT * 4,
            15,
        ]
        .into_iter()
        .min()
        .unwrap_or(1);
        if columns <= 1 {
            return output;
        }
        let mut max_line_length = Vec::with_capacity(columns);
        for i in 0..columns {
            let line = (i..output_length)
                .step_by(columns)
                .map(|j| data_len[j])
                .max()
                .unwrap_or(0);
            max_line_length.push(line + separator_space);
        }
        let mut grouped = Vec::new();
        for i in (0..output_length).step_by(columns) {
            let max = (i + columns).min(output_length);
            let mut line = String::new();
            for j in i..max - 1 {
                let cell = format!("{}, ", output[j]);
                line.push_str(&pad(&cell, max_line_length[j - i], numbers));
            }
            let j = max - 1;
            if numbers {
                let width = max_line_length[j - i] - separator_space;
                line.push_str(&pad(&output[j], width, true));
            } else {
                line.push_str(&output[j]);
            }
            grouped.push(line);
        }
        if output_length < output.len() {
            grouped.push(output[output_length].clone());
        }
        grouped
    }
}

/// The class an object is an instance of, when it has one with a name.
fn class_name(heap: &Heap, v: Value) -> Option<&str> {
    let ctor = heap.chain(v).skip(1).find_map(|(_, m)| {
        m.meta()
            .map(|m| m.constructor)
            .filter(|c| *c != Value::Null)
    })?;
    heap.class_of(ctor)
        .map(|(name, _, _)| name)
        .filter(|n| !n.is_empty())
}

/// A collection's entries: each key, with its value for a Map.
type Entries = Vec<(Value, Option<Value>)>;

/// The entries of an instance of the Map or Set the TypeScript front-end's prelude
/// defines (its live slots are the values of its `#index` object, in insertion order):
/// `("Map", [(key, Some(value))])` or `("Set", [(value, None)])`.
fn collection(heap: &Heap, v: Value) -> Option<(&'static str, Entries)> {
    let kind = match class_name(heap, v)? {
        "Map" => "Map",
        "Set" => "Set",
        _ => return None,
    };
    let own = heap.obj(v)?;
    let map = if kind == "Set" { own.get("#map")? } else { v };
    let m = heap.obj(map)?;
    let (keys, vals) = (heap.list(m.get("#keys")?)?, heap.list(m.get("#vals")?)?);
    let mut slots: Vec<usize> = heap
        .obj(m.get("#index")?)?
        .iter()
        .filter_map(|(_, s)| match s {
            Value::Int(i) => usize::try_from(i).ok(),
            _ => None,
        })
        .collect();
    slots.sort_unstable();
    let entries = slots
        .into_iter()
        .filter_map(|i| {
            let k = *keys.get(i)?;
            Some((
                k,
                (kind == "Map").then(|| vals.get(i).copied().unwrap_or(Value::Null)),
            ))
        })
        .collect();
    Some((kind, entries))
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Pads to `width` on the left (numbers) or the right (anything else).
fn pad(s: &str, width_to: usize, left: bool) -> String {
    let fill = " ".repeat(width_to.saturating_sub(width(s)));
    if left {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// An object key: bare when it is an identifier, quoted otherwise.
fn key_text(key: &str) -> String {
    let mut chars = key.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident { key.to_owned() } else { quote(key) }
}

/// A string as node quotes it: single quotes unless the text contains one and another
/// quote character avoids escaping it.
pub(super) fn quote(s: &str) -> String {
    let mut q = '\'';
    if s.contains('\'') {
        if !s.contains('"') {
            q = '"';
        } else if !s.contains('`') && !s.contains("${") {
            q = '`';
        }
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for ch in s.chars() {
        match ch {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\x0B"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            '\'' if q == '\'' => out.push_str("\\'"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
