//! `js.method`: the built-in methods of JavaScript strings, arrays, numbers and objects.
//!
//! Array methods that JavaScript defines as in-place (`push`, `pop`, `sort`, `reverse`,
//! `splice`, `fill`, ...) change the receiver; callbacks get `(element, index, array)`.
//! Positions in strings count code points (JavaScript counts UTF-16 units).

use weft_runtime::{HeapObj, RuntimeError, Truth, Value};

use super::convert::{js_error, number, number_to_string, to_number, to_string};
use crate::call::Call;

type R = Result<Value, RuntimeError>;

pub(super) fn method(c: &mut Call<'_>) -> R {
    let receiver = c.arg(0);
    let name = c.string(1)?;
    let args: Vec<Value> = c.args.get(2..).unwrap_or_default().to_vec();
    match receiver {
        Value::Str(_) => {
            let s = c.string(0)?;
            c.charge_bytes(s.len())?;
            string_method(c, &s, &name, &args)
        }
        Value::List(id) => {
            let len = c.list_ref(0)?.len();
            c.charge_items(len as u64)?;
            array_method(c, id, &name, &args)
        }
        Value::Int(_) | Value::Float(_) => number_method(c, receiver, &name, &args),
        Value::Obj(_) => object_method(c, &name, &args),
        Value::Null => Err(js_error(
            "E5010",
            format!("Cannot read properties of null (reading '{name}')"),
        )),
        other => Err(not_a_function(c, other, &name)),
    }
}

fn not_a_function(c: &Call<'_>, receiver: Value, name: &str) -> RuntimeError {
    js_error(
        "E5010",
        format!(
            "{}.{name} is not a function",
            match receiver {
                Value::Str(_) => "string".to_owned(),
                Value::List(_) => "array".to_owned(),
                other => c.describe(other),
            }
        ),
    )
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::Null)
}

fn text(c: &Call<'_>, v: Value) -> String {
    to_string(c.heap(), v)
}

/// An integer position argument (`undefined`/null reads as `default`).
fn int_arg(c: &Call<'_>, args: &[Value], i: usize, default: i64) -> i64 {
    match arg(args, i) {
        Value::Null => default,
        v => {
            let f = to_number(c.heap(), v);
            if f.is_nan() {
                0
            } else {
                f.trunc().clamp(-9.0e15, 9.0e15) as i64
            }
        }
    }
}

/// A relative index (`slice`, `at`, ...) resolved against a length.
fn relative(i: i64, len: usize) -> usize {
    let len = len as i64;
    (if i < 0 { (len + i).max(0) } else { i.min(len) }) as usize
}

/// The code point at position `i` of `s` and the length in code points, without copying
/// `s` (ASCII text, most scripts' text, is indexed by byte).
pub(super) fn char_at(s: &str, i: i64) -> (Option<char>, usize) {
    if s.is_ascii() {
        let ch = usize::try_from(i)
            .ok()
            .and_then(|i| s.as_bytes().get(i))
            .map(|b| *b as char);
        return (ch, s.len());
    }
    let n = s.chars().count();
    (usize::try_from(i).ok().and_then(|i| s.chars().nth(i)), n)
}

/// The range `slice`, `substring` and `substr` take of a string of `n` code points.
fn part_of(c: &Call<'_>, name: &str, args: &[Value], n: usize) -> Option<(usize, usize)> {
    Some(match name {
        "slice" => (
            relative(int_arg(c, args, 0, 0), n),
            relative(int_arg(c, args, 1, n as i64), n),
        ),
        "substring" => {
            let a = int_arg(c, args, 0, 0).clamp(0, n as i64) as usize;
            let b = int_arg(c, args, 1, n as i64).clamp(0, n as i64) as usize;
            (a.min(b), a.max(b))
        }
        "substr" => {
            let a = relative(int_arg(c, args, 0, 0), n);
            let len = int_arg(c, args, 1, n as i64).max(0) as usize;
            (a, (a + len).min(n))
        }
        _ => return None,
    })
}

fn string_method(c: &mut Call<'_>, s: &str, name: &str, args: &[Value]) -> R {
    // One character: found in place, not by copying the whole string into a vector.
    if let "charAt" | "at" | "charCodeAt" | "codePointAt" = name {
        let mut i = int_arg(c, args, 0, 0);
        if name == "at" && i < 0 {
            i += char_at(s, 0).1 as i64;
        }
        let ch = char_at(s, i).0;
        return match (name, ch) {
            ("charAt", Some(ch)) | ("at", Some(ch)) => c.alloc_str(ch.to_string()),
            ("charAt", None) => c.alloc_str(String::new()),
            ("at", None) | ("codePointAt", None) => Ok(Value::Null),
            (_, Some(ch)) => Ok(Value::Int(i64::from(u32::from(ch)))),
            (_, None) => Ok(Value::Float(f64::NAN)),
        };
    }
    if s.is_ascii()
        && let Some((a, b)) = part_of(c, name, args, s.len())
    {
        // ASCII text is cut by byte, without a vector of its characters.
        let out = s[a..b.max(a)].to_owned();
        c.heap().check_room(out.len())?;
        return c.alloc_str(out);
    }
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let sub = |a: usize, b: usize| chars[a..b.max(a)].iter().collect::<String>();
    let out: String = match name {
        "toUpperCase" | "toLocaleUpperCase" => s.to_uppercase(),
        "toLowerCase" | "toLocaleLowerCase" => s.to_lowercase(),
        "trim" => s.trim().to_owned(),
        "trimStart" => s.trim_start().to_owned(),
        "trimEnd" => s.trim_end().to_owned(),
        "toString" | "valueOf" => s.to_owned(),
        "charAt" => {
            let i = int_arg(c, args, 0, 0);
            if i >= 0 && (i as usize) < n {
                chars[i as usize].to_string()
            } else {
                String::new()
            }
        }
        "at" => {
            let i = int_arg(c, args, 0, 0);
            let i = if i < 0 { i + n as i64 } else { i };
            if i < 0 || i as usize >= n {
                return Ok(Value::Null);
            }
            chars[i as usize].to_string()
        }
        "charCodeAt" | "codePointAt" => {
            let i = int_arg(c, args, 0, 0);
            return Ok(if i >= 0 && (i as usize) < n {
                Value::Int(i64::from(u32::from(chars[i as usize])))
            } else if name == "charCodeAt" {
                Value::Float(f64::NAN)
            } else {
                Value::Null
            });
        }
        "slice" | "substring" | "substr" => {
            let (a, b) = part_of(c, name, args, n).unwrap_or((0, 0));
            sub(a, b)
        }
        "indexOf" | "lastIndexOf" | "includes" | "startsWith" | "endsWith" => {
            let needle: Vec<char> = text(c, arg(args, 0)).chars().collect();
            return Ok(search(c, &chars, &needle, name, args));
        }
        "repeat" => {
            let count = int_arg(c, args, 0, 0);
            if count < 0 {
                return Err(js_error("E5015", format!("Invalid count value: {count}")));
            }
            let size = s.len().saturating_mul(count as usize);
            c.heap().check_room(size)?;
            c.charge_bytes(size)?;
            s.repeat(count as usize)
        }
        "padStart" | "padEnd" => {
            let target = int_arg(c, args, 0, 0).max(0) as usize;
            let fill = match arg(args, 1) {
                Value::Null => " ".to_owned(),
                v => text(c, v),
            };
            if target <= n || fill.is_empty() {
                s.to_owned()
            } else {
                c.heap().check_room(target * 4)?;
                let pad: String = fill.chars().cycle().take(target - n).collect();
                if name == "padStart" {
                    format!("{pad}{s}")
                } else {
                    format!("{s}{pad}")
                }
            }
        }
        "replace" | "replaceAll" => {
            let from = text(c, arg(args, 0));
            let replacement = arg(args, 1);
            return replace(c, s, &from, replacement, name == "replaceAll");
        }
        "concat" => {
            let mut out = s.to_owned();
            for &v in args {
                out.push_str(&text(c, v));
            }
            out
        }
        "split" => {
            let limit = match arg(args, 1) {
                Value::Null => usize::MAX,
                _ => int_arg(c, args, 1, 0).max(0) as usize,
            };
            let parts: Vec<String> = match arg(args, 0) {
                Value::Null => vec![s.to_owned()],
                sep => {
                    let sep = text(c, sep);
                    if sep.is_empty() {
                        chars.iter().map(char::to_string).collect()
                    } else {
                        s.split(sep.as_str()).map(str::to_owned).collect()
                    }
                }
            };
            c.heap().check_room(parts.len() * 32 + s.len())?;
            let mut items = Vec::new();
            for part in parts.into_iter().take(limit) {
                items.push(c.alloc_str(part)?);
            }
            return c.alloc_list(items);
        }
        "localeCompare" => {
            let other = text(c, arg(args, 0));
            return Ok(Value::Int(match s.cmp(other.as_str()) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            }));
        }
        _ => return Err(not_a_function(c, c.arg(0), name)),
    };
    c.heap().check_room(out.len())?;
    c.alloc_str(out)
}

fn search(c: &Call<'_>, chars: &[char], needle: &[char], name: &str, args: &[Value]) -> Value {
    let n = chars.len();
    let at = |i: usize| i + needle.len() <= n && chars[i..i + needle.len()] == *needle;
    match name {
        "indexOf" | "includes" => {
            let from = int_arg(c, args, 1, 0).clamp(0, n as i64) as usize;
            let found = (from..=n).find(|&i| at(i));
            if name == "includes" {
                Value::Bool(found.is_some())
            } else {
                Value::Int(found.map_or(-1, |i| i as i64))
            }
        }
        "lastIndexOf" => {
            let from = int_arg(c, args, 1, n as i64).clamp(0, n as i64) as usize;
            Value::Int((0..=from).rev().find(|&i| at(i)).map_or(-1, |i| i as i64))
        }
        "startsWith" => {
            let from = int_arg(c, args, 1, 0).clamp(0, n as i64) as usize;
            Value::Bool(at(from))
        }
        _ => {
            let end = int_arg(c, args, 1, n as i64).clamp(0, n as i64) as usize;
            Value::Bool(end >= needle.len() && at(end - needle.len()))
        }
    }
}

/// A replacement string's `$` patterns for the match `s[start..end]`: `$$` is `$`, `$&` the
/// match, `` $` `` the text before it and `$'` the text after it; anything else is kept.
fn expand_replacement(template: &str, s: &str, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '$' {
            out.push(ch);
            continue;
        }
        match chars.peek() {
            Some('$') => out.push('$'),
            Some('&') => out.push_str(&s[start..end]),
            Some('`') => out.push_str(&s[..start]),
            Some('\'') => out.push_str(&s[end..]),
            _ => {
                out.push('$');
                continue;
            }
        }
        chars.next();
    }
    out
}

fn replace(c: &mut Call<'_>, s: &str, from: &str, replacement: Value, all: bool) -> R {
    let mut out = String::new();
    let mut rest = s;
    let mut first = true;
    // The whole string, a replacer function's third argument (no collection runs while a
    // built-in method calls back, so one copy serves every call).
    let mut whole = None;
    // An empty pattern also matches at the very end.
    while let Some(i) = rest.find(from).filter(|_| first || all) {
        out.push_str(&rest[..i]);
        let at = s.len() - rest.len() + i;
        let with = match replacement {
            Value::Closure(_) => {
                let m = c.alloc_str(from.to_owned())?;
                let offset = Value::Int(s[..at].chars().count() as i64);
                let whole = match whole {
                    Some(v) => v,
                    None => *whole.insert(c.alloc_str(s.to_owned())?),
                };
                let r = c.ctx.call(replacement, &[m, offset, whole])?;
                text(c, r)
            }
            v => expand_replacement(&text(c, v), s, at, at + from.len()),
        };
        out.push_str(&with);
        let step = i + from.len();
        if from.is_empty() {
            // An empty pattern matches between every character.
            let mut it = rest[i..].chars();
            match it.next() {
                Some(ch) => out.push(ch),
                None => {
                    rest = "";
                    break;
                }
            }
            rest = &rest[i + rest[i..].chars().next().map_or(0, char::len_utf8)..];
        } else {
            rest = &rest[step..];
        }
        first = false;
        if !all {
            break;
        }
    }
    out.push_str(rest);
    c.heap().check_room(out.len())?;
    c.alloc_str(out)
}

fn list(c: &Call<'_>, id: u32) -> Vec<Value> {
    c.heap().list(Value::List(id)).unwrap_or_default().to_vec()
}

fn store(c: &mut Call<'_>, id: u32, items: Vec<Value>) -> Result<(), RuntimeError> {
    c.heap_mut().check_room(items.len() * 16)?;
    c.heap_mut().update(id, |o| {
        if let HeapObj::List(old) = o {
            *old = items;
        }
    })
}

fn truthy(c: &Call<'_>, v: Value) -> bool {
    match v {
        Value::Float(f) if f.is_nan() => false,
        _ => c.heap().truthy(v, Truth::Js),
    }
}

/// Calls `f(element, index, array)` for each element until `stop` says so.
fn each(
    c: &mut Call<'_>,
    id: u32,
    f: Value,
    mut visit: impl FnMut(&Call<'_>, usize, Value, Value) -> bool,
) -> Result<(), RuntimeError> {
    let mut i = 0;
    while let Some(v) = c
        .heap()
        .list(Value::List(id))
        .and_then(|items| items.get(i).copied())
    {
        let r = c.ctx.call(f, &[v, Value::Int(i as i64), Value::List(id)])?;
        if visit(c, i, v, r) {
            break;
        }
        i += 1;
    }
    Ok(())
}

fn callback(c: &Call<'_>, args: &[Value], name: &str) -> Result<Value, RuntimeError> {
    match arg(args, 0) {
        f @ Value::Closure(_) => Ok(f),
        other => Err(js_error(
            "E5010",
            format!("{} is not a function (in array.{name})", c.describe(other)),
        )),
    }
}

fn array_method(c: &mut Call<'_>, id: u32, name: &str, args: &[Value]) -> R {
    let items = list(c, id);
    let n = items.len();
    match name {
        "push" => {
            let mut items = items;
            items.extend_from_slice(args);
            let len = items.len();
            store(c, id, items)?;
            Ok(Value::Int(len as i64))
        }
        "pop" => {
            let mut items = items;
            let last = items.pop().unwrap_or(Value::Null);
            store(c, id, items)?;
            Ok(last)
        }
        "shift" => {
            let mut items = items;
            let first = if items.is_empty() {
                Value::Null
            } else {
                items.remove(0)
            };
            store(c, id, items)?;
            Ok(first)
        }
        "unshift" => {
            let mut new = args.to_vec();
            new.extend(items);
            let len = new.len();
            store(c, id, new)?;
            Ok(Value::Int(len as i64))
        }
        "slice" => {
            let a = relative(int_arg(c, args, 0, 0), n);
            let b = relative(int_arg(c, args, 1, n as i64), n);
            c.alloc_list(items[a..b.max(a)].to_vec())
        }
        "splice" => {
            let start = relative(int_arg(c, args, 0, 0), n);
            let count = match arg(args, 1) {
                Value::Null if args.len() < 2 => n - start,
                _ => int_arg(c, args, 1, 0).clamp(0, (n - start) as i64) as usize,
            };
            let mut items = items;
            let inserted = args.get(2..).unwrap_or_default().iter().copied();
            let removed: Vec<Value> = items.splice(start..start + count, inserted).collect();
            store(c, id, items)?;
            c.alloc_list(removed)
        }
        "concat" => {
            let mut out = items;
            for &v in args {
                match c.heap().list(v) {
                    Some(more) => out.extend_from_slice(more),
                    None => out.push(v),
                }
            }
            c.alloc_list(out)
        }
        "join" | "toString" => {
            let sep = match arg(args, 0) {
                Value::Null => ",".to_owned(),
                v => text(c, v),
            };
            let mut parts: Vec<String> = Vec::with_capacity(items.len());
            for &v in &items {
                parts.push(if v == Value::Null {
                    String::new()
                } else {
                    super::string_of(c, v)?
                });
            }
            let s = parts.join(&sep);
            c.heap().check_room(s.len())?;
            c.alloc_str(s)
        }
        "reverse" => {
            let mut items = items;
            items.reverse();
            store(c, id, items)?;
            Ok(Value::List(id))
        }
        "sort" => {
            let sorted = sort(c, items, arg(args, 0))?;
            store(c, id, sorted)?;
            Ok(Value::List(id))
        }
        "indexOf" | "lastIndexOf" | "includes" => {
            let needle = arg(args, 0);
            let last = name == "lastIndexOf";
            // The optional start position, negative counting from the end.
            let from = int_arg(c, args, 1, if last { n as i64 - 1 } else { 0 });
            let heap = c.heap();
            let eq = |v: &Value| {
                heap.equal(*v, needle) || (name == "includes" && is_nan(*v) && is_nan(needle))
            };
            let found = if last {
                let end = if from < 0 {
                    n as i64 + from
                } else {
                    from.min(n as i64 - 1)
                };
                usize::try_from(end)
                    .ok()
                    .and_then(|end| (0..=end).rev().find(|&i| eq(&items[i])))
            } else {
                (relative(from, n)..n).find(|&i| eq(&items[i]))
            };
            Ok(match name {
                "includes" => Value::Bool(found.is_some()),
                _ => Value::Int(found.map_or(-1, |i| i as i64)),
            })
        }
        "at" => {
            let i = int_arg(c, args, 0, 0);
            let i = if i < 0 { i + n as i64 } else { i };
            Ok(if i >= 0 && (i as usize) < n {
                items[i as usize]
            } else {
                Value::Null
            })
        }
        "fill" => {
            let v = arg(args, 0);
            let a = relative(int_arg(c, args, 1, 0), n);
            let b = relative(int_arg(c, args, 2, n as i64), n);
            let mut items = items;
            for slot in items.iter_mut().take(b).skip(a) {
                *slot = v;
            }
            store(c, id, items)?;
            Ok(Value::List(id))
        }
        "flat" => {
            let depth = int_arg(c, args, 0, 1);
            let mut out = Vec::new();
            flatten(c, &items, depth, &mut out)?;
            c.alloc_list(out)
        }
        "forEach" => {
            let f = callback(c, args, name)?;
            each(c, id, f, |_, _, _, _| false)?;
            Ok(Value::Null)
        }
        "map" => {
            let f = callback(c, args, name)?;
            let mut out = Vec::with_capacity(n);
            each(c, id, f, |_, _, _, r| {
                out.push(r);
                false
            })?;
            c.alloc_list(out)
        }
        "filter" => {
            let f = callback(c, args, name)?;
            let mut out = Vec::new();
            each(c, id, f, |c, _, v, r| {
                if truthy(c, r) {
                    out.push(v);
                }
                false
            })?;
            c.alloc_list(out)
        }
        "flatMap" => {
            let f = callback(c, args, name)?;
            let mut mapped = Vec::new();
            each(c, id, f, |_, _, _, r| {
                mapped.push(r);
                false
            })?;
            let mut out = Vec::new();
            flatten(c, &mapped, 1, &mut out)?;
            c.alloc_list(out)
        }
        "find" | "findIndex" | "some" | "every" => {
            let f = callback(c, args, name)?;
            let want = name != "every";
            let mut hit = None;
            each(c, id, f, |c, i, v, r| {
                if truthy(c, r) == want {
                    hit = Some((i, v));
                    true
                } else {
                    false
                }
            })?;
            Ok(match name {
                "find" => hit.map_or(Value::Null, |(_, v)| v),
                "findIndex" => Value::Int(hit.map_or(-1, |(i, _)| i as i64)),
                "some" => Value::Bool(hit.is_some()),
                _ => Value::Bool(hit.is_none()),
            })
        }
        "reduce" | "reduceRight" => {
            let f = callback(c, args, name)?;
            let order: Vec<usize> = if name == "reduce" {
                (0..n).collect()
            } else {
                (0..n).rev().collect()
            };
            let mut order = order.into_iter();
            let mut acc = if args.len() > 1 {
                args[1]
            } else {
                match order.next() {
                    Some(i) => items[i],
                    None => {
                        return Err(js_error(
                            "E5010",
                            "Reduce of empty array with no initial value".to_owned(),
                        ));
                    }
                }
            };
            for i in order {
                c.charge_items(1)?;
                acc = c
                    .ctx
                    .call(f, &[acc, items[i], Value::Int(i as i64), Value::List(id)])?;
            }
            Ok(acc)
        }
        _ => Err(not_a_function(c, Value::List(id), name)),
    }
}

fn is_nan(v: Value) -> bool {
    matches!(v, Value::Float(f) if f.is_nan())
}

fn flatten(
    c: &Call<'_>,
    items: &[Value],
    depth: i64,
    out: &mut Vec<Value>,
) -> Result<(), RuntimeError> {
    for &v in items {
        match c.heap().list(v) {
            Some(inner) if depth > 0 => {
                let inner = inner.to_vec();
                flatten(c, &inner, depth - 1, out)?;
            }
            _ => out.push(v),
        }
        c.heap().check_room(out.len() * 16)?;
    }
    Ok(())
}

/// JavaScript's `sort`: stable; without a comparison, by the elements' strings.
fn sort(c: &mut Call<'_>, items: Vec<Value>, compare: Value) -> Result<Vec<Value>, RuntimeError> {
    // Null elements (JavaScript's undefined) sort to the end, uncompared.
    let (mut items, nulls): (Vec<Value>, Vec<Value>) =
        items.into_iter().partition(|v| *v != Value::Null);
    let keys: Vec<String> = if compare == Value::Null {
        items.iter().map(|&v| text(c, v)).collect()
    } else {
        Vec::new()
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut buffer = order.clone();
    merge_sort(&mut order, &mut buffer, &mut |a, b| {
        c.charge_items(1)?;
        if compare == Value::Null {
            return Ok(keys[b].encode_utf16().lt(keys[a].encode_utf16()));
        }
        let r = c.ctx.call(compare, &[items[b], items[a]])?;
        Ok(to_number(c.heap(), r) < 0.0)
    })?;
    let sorted: Vec<Value> = order.iter().map(|&i| items[i]).collect();
    items = sorted;
    items.extend(nulls);
    Ok(items)
}

/// Stable merge sort of indices; `before(a, b)` says `b` must come before `a`.
fn merge_sort(
    order: &mut [usize],
    buffer: &mut [usize],
    before: &mut dyn FnMut(usize, usize) -> Result<bool, RuntimeError>,
) -> Result<(), RuntimeError> {
    let n = order.len();
    if n < 2 {
        return Ok(());
    }
    let mid = n / 2;
    merge_sort(&mut order[..mid], &mut buffer[..mid], before)?;
    merge_sort(&mut order[mid..], &mut buffer[mid..], before)?;
    let (mut i, mut j) = (0, mid);
    for slot in buffer.iter_mut().take(n) {
        let take_right = j < n && (i >= mid || before(order[i], order[j])?);
        if take_right {
            *slot = order[j];
            j += 1;
        } else {
            *slot = order[i];
            i += 1;
        }
    }
    order.copy_from_slice(&buffer[..n]);
    Ok(())
}

fn number_method(c: &mut Call<'_>, receiver: Value, name: &str, args: &[Value]) -> R {
    let f = to_number(c.heap(), receiver);
    let s = match name {
        "toFixed" => {
            let digits = int_arg(c, args, 0, 0);
            if !(0..=100).contains(&digits) {
                return Err(js_error(
                    "E5015",
                    "toFixed() digits argument must be between 0 and 100".to_owned(),
                ));
            }
            to_fixed(f, digits as usize)
        }
        "toString" => match arg(args, 0) {
            Value::Null => number_to_string(f),
            _ => {
                let radix = int_arg(c, args, 0, 10);
                if !(2..=36).contains(&radix) {
                    return Err(js_error(
                        "E5015",
                        "toString() radix must be between 2 and 36".to_owned(),
                    ));
                }
                to_radix(f, radix as u32)
            }
        },
        "valueOf" => return Ok(number(f)),
        _ => return Err(not_a_function(c, receiver, name)),
    };
    c.alloc_str(s)
}

/// `toFixed`: the exact decimal value rounded half away from zero at `digits` places.
fn to_fixed(f: f64, digits: usize) -> String {
    if !f.is_finite() || f.abs() >= 1e21 {
        return number_to_string(f);
    }
    // Rust prints the exact binary value and rounds ties to even; JavaScript rounds ties
    // up, so widen first and round the decimal text by hand.
    let wide = format!("{:.*}", digits + 30, f.abs());
    let (int_part, frac) = wide.split_once('.').unwrap_or((&wide, ""));
    let mut kept: Vec<u8> = int_part.bytes().chain(frac.bytes().take(digits)).collect();
    if frac.as_bytes().get(digits).is_some_and(|&d| d >= b'5') {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let split = kept.len() - digits;
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&kept[..split]).unwrap_or("0"));
    if digits > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(&kept[split..]).unwrap_or(""));
    }
    out
}

/// `Number.prototype.toString(radix)` as V8 computes it: the fraction digits are generated
/// until they single out the double (within half the gap to the next one), rounding the
/// last one to even; integer digits past 2^53 are zeros.
fn to_radix(value: f64, radix: u32) -> String {
    if radix == 10 || !value.is_finite() || value == 0.0 {
        return number_to_string(value);
    }
    let digit_char = |d: u32| std::char::from_digit(d, radix).unwrap_or('0');
    let base = f64::from(radix);
    let negative = value < 0.0;
    let value = value.abs();
    let mut integer = value.floor();
    let mut fraction = value - integer;
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next - value)).max(f64::from_bits(1));
    let mut fraction_digits: Vec<u32> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= base;
            delta *= base;
            let digit = fraction as u32;
            fraction_digits.push(digit);
            fraction -= f64::from(digit);
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying into earlier digits (and maybe the integer part).
                loop {
                    match fraction_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) if d + 1 < radix => {
                            fraction_digits.push(d + 1);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    let mut int_digits = Vec::new();
    while integer / base >= 9_007_199_254_740_992.0 {
        integer /= base;
        int_digits.push('0');
    }
    loop {
        let remainder = integer % base;
        int_digits.push(digit_char(remainder as u32));
        integer = (integer - remainder) / base;
        if integer <= 0.0 {
            break;
        }
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.extend(int_digits.iter().rev());
    if !fraction_digits.is_empty() {
        out.push('.');
        out.extend(fraction_digits.into_iter().map(digit_char));
    }
    out
}

fn object_method(c: &mut Call<'_>, name: &str, args: &[Value]) -> R {
    match name {
        "hasOwnProperty" => {
            let key = text(c, arg(args, 0));
            Ok(Value::Bool(c.obj_ref(0)?.get(&key).is_some()))
        }
        "toString" => {
            let s = text(c, c.arg(0));
            c.alloc_str(s)
        }
        _ => Err(js_error(
            "E5010",
            format!("object.{name} is not a function"),
        )),
    }
}
