//! The Lua standard library functions behind `lua.lib`: the base functions, `string`,
//! `table` and `math`, each taking its arguments as a list and returning a list of
//! results (Lua's multiple returns). Names are the Lua names (`string.find`, `select`),
//! plus a few helpers the front-end lowers to (`print`, `io.write`, `ipairs.step`,
//! `gmatch.step`). Functions that need I/O return text; the front-end writes it.

use weft_runtime::{HeapObj, RuntimeError, Value, diagnostics as diag};

use super::number::{self, type_name};
use super::pattern::{self, Capture};
use super::{Call, format, get, is_truthy, lua_error, set, table, tostring};

type Results = Result<Vec<Value>, RuntimeError>;

/// The chunk name in `error` messages (lua5.4 prints the script's file name).
pub(crate) const CHUNK: &str = "script";

struct Args<'a> {
    name: &'a str,
    items: &'a [Value],
}

impl Args<'_> {
    fn get(&self, i: usize) -> Value {
        self.items.get(i).copied().unwrap_or(Value::Null)
    }

    fn short(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }

    fn bad(&self, i: usize, why: impl std::fmt::Display) -> String {
        format!("bad argument #{} to '{}' ({why})", i + 1, self.short())
    }
}

pub(crate) fn call(
    c: &mut Call<'_>,
    name: &str,
    items: &[Value],
    line: Option<(String, i64)>,
) -> Results {
    let a = Args { name, items };
    match lib_call(c, &a, line) {
        Ok(v) => Ok(v),
        Err(Fail::Runtime(e)) => Err(e),
        Err(Fail::Lua(m)) => Err(lua_error(c, m)),
    }
}

enum Fail {
    Lua(String),
    Runtime(RuntimeError),
}

impl From<RuntimeError> for Fail {
    fn from(e: RuntimeError) -> Fail {
        Fail::Runtime(e)
    }
}

impl From<String> for Fail {
    fn from(m: String) -> Fail {
        Fail::Lua(m)
    }
}

type F = Result<Vec<Value>, Fail>;

fn one(v: Value) -> F {
    Ok(vec![v])
}

fn string_arg(c: &Call<'_>, a: &Args<'_>, i: usize) -> Result<String, Fail> {
    let v = a.get(i);
    match v {
        Value::Str(_) => Ok(c.heap().str(v).unwrap_or_default().to_owned()),
        Value::Int(_) | Value::Float(_) => Ok(number::number_to_string(v).unwrap_or_default()),
        _ => Err(Fail::Lua(
            a.bad(i, format!("string expected, got {}", arg_type(a, i))),
        )),
    }
}

fn arg_type(a: &Args<'_>, i: usize) -> &'static str {
    if i >= a.items.len() {
        "no value"
    } else {
        type_name(a.get(i))
    }
}

fn number_arg(c: &Call<'_>, a: &Args<'_>, i: usize) -> Result<Value, Fail> {
    let v = a.get(i);
    match v {
        Value::Int(_) | Value::Float(_) => Ok(v),
        Value::Str(_) => number::parse_number(c.heap().str(v).unwrap_or_default())
            .ok_or_else(|| Fail::Lua(a.bad(i, "number expected, got string"))),
        _ => Err(Fail::Lua(
            a.bad(i, format!("number expected, got {}", arg_type(a, i))),
        )),
    }
}

fn float_arg(c: &Call<'_>, a: &Args<'_>, i: usize) -> Result<f64, Fail> {
    Ok(number_arg(c, a, i)?.as_f64().unwrap_or(f64::NAN))
}

fn int_arg(c: &Call<'_>, a: &Args<'_>, i: usize) -> Result<i64, Fail> {
    match number_arg(c, a, i)? {
        Value::Int(n) => Ok(n),
        Value::Float(f) => number::float_to_int(f)
            .ok_or_else(|| Fail::Lua(a.bad(i, "number has no integer representation"))),
        _ => Err(Fail::Lua(a.bad(i, "number expected"))),
    }
}

fn opt_int(c: &Call<'_>, a: &Args<'_>, i: usize, default: i64) -> Result<i64, Fail> {
    if a.get(i) == Value::Null {
        Ok(default)
    } else {
        int_arg(c, a, i)
    }
}

fn table_arg(c: &Call<'_>, a: &Args<'_>, i: usize) -> Result<Value, Fail> {
    let v = a.get(i);
    if table::view(c.heap(), v).is_some() {
        Ok(v)
    } else {
        Err(Fail::Lua(
            a.bad(i, format!("table expected, got {}", arg_type(a, i))),
        ))
    }
}

fn new_str(c: &mut Call<'_>, s: impl Into<String>) -> Result<Value, Fail> {
    let s = s.into();
    c.charge_bytes(s.len())?;
    Ok(c.alloc_str(s)?)
}

fn bytes_to_value(c: &mut Call<'_>, bytes: &[u8]) -> Result<Value, Fail> {
    new_str(c, String::from_utf8_lossy(bytes).into_owned())
}

fn lib_call(c: &mut Call<'_>, a: &Args<'_>, line: Option<(String, i64)>) -> F {
    match a.name {
        "print" => {
            let mut parts = Vec::with_capacity(a.items.len());
            for &v in a.items {
                parts.push(super::tostring_meta(c, v)?);
            }
            let line = parts.join("\t");
            Ok(vec![new_str(c, line)?])
        }
        "io.write" => {
            let mut out = String::new();
            for (i, &v) in a.items.iter().enumerate() {
                match v {
                    Value::Float(f) => out.push_str(&number::format_g(f, 14, false, false)),
                    Value::Int(_) | Value::Str(_) => out.push_str(&tostring(c.heap(), v)),
                    _ => {
                        return Err(a
                            .bad(i, format!("string expected, got {}", type_name(v)))
                            .into());
                    }
                }
            }
            Ok(vec![new_str(c, out)?])
        }
        "tostring" => {
            if a.items.is_empty() {
                return Err(a.bad(0, "value expected").into());
            }
            let s = super::tostring_meta(c, a.get(0))?;
            Ok(vec![new_str(c, s)?])
        }
        "tonumber" => tonumber(c, a),
        "type" => {
            if a.items.is_empty() {
                return Err(a.bad(0, "value expected").into());
            }
            let s = type_name(a.get(0));
            Ok(vec![new_str(c, s)?])
        }
        "select" => select(c, a),
        "next" => {
            let t = table_arg(c, a, 0)?;
            next(c, t, a.get(1))
        }
        "ipairs.step" => {
            let i = int_arg(c, a, 1)?.wrapping_add(1);
            let v = get(c, a.get(0), Value::Int(i))?;
            Ok(if v == Value::Null {
                vec![Value::Null]
            } else {
                vec![Value::Int(i), v]
            })
        }
        "gmatch.step" => gmatch_step(c, a),
        "rawequal" => one(Value::Bool(c.heap().equal(a.get(0), a.get(1)))),
        "setmetatable" => {
            let t = a.get(0);
            if !matches!(table::view(c.heap(), t), Some(table::View::Table { .. })) {
                return Err(a
                    .bad(0, format!("table expected, got {}", arg_type(a, 0)))
                    .into());
            }
            let mt = a.get(1);
            if mt != Value::Null
                && !matches!(table::view(c.heap(), mt), Some(table::View::Table { .. }))
            {
                return Err(a.bad(1, "nil or table expected").into());
            }
            super::meta::set_metatable(c, t, mt)?;
            one(t)
        }
        "getmetatable" => one(super::meta::get_metatable(c.heap(), a.get(0))),
        "rawlen" => match table::length(c.heap(), a.get(0)) {
            Some(n) => one(Value::Int(n)),
            None => match c.heap().str(a.get(0)) {
                Some(s) => one(Value::Int(s.len() as i64)),
                None => Err(a.bad(0, "table or string expected").into()),
            },
        },
        "rawget" => {
            let t = table_arg(c, a, 0)?;
            one(get(c, t, a.get(1))?)
        }
        "rawset" => {
            let t = table_arg(c, a, 0)?;
            set(c, t, a.get(1), a.get(2))?;
            one(t)
        }
        "error" => Err(Fail::Runtime(error(c, a, line)?)),
        "assert" => {
            if a.items.is_empty() {
                return Err(a.bad(0, "value expected").into());
            }
            if is_truthy(a.get(0)) {
                return Ok(a.items.to_vec());
            }
            if a.items.len() >= 2 {
                let v = a.get(1);
                let message = message_of(c, v);
                return Err(Fail::Runtime(diag::thrown(message).with_value(v)));
            }
            Err("assertion failed!".to_owned().into())
        }
        name if name.starts_with("string.") => string_lib(c, a),
        name if name.starts_with("table.") => table_lib(c, a),
        name if name.starts_with("math.") => math_lib(c, a),
        other => Err(Fail::Runtime(diag::invalid_argument(
            "lua.lib",
            format!("unknown library function {other:?}"),
        ))),
    }
}

/// What an uncaught error shows for a value.
fn message_of(c: &Call<'_>, v: Value) -> String {
    match v {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => tostring(c.heap(), v),
        other => format!("(error object is a {} value)", type_name(other)),
    }
}

fn error(
    c: &mut Call<'_>,
    a: &Args<'_>,
    line: Option<(String, i64)>,
) -> Result<RuntimeError, Fail> {
    let v = a.get(0);
    let level = opt_int(c, a, 1, 1)?;
    let v = match (v, line) {
        (Value::Str(_), Some((chunk, line))) if level > 0 => {
            let text = format!("{chunk}:{line}: {}", c.heap().str(v).unwrap_or_default());
            new_str(c, text)?
        }
        _ => v,
    };
    Ok(diag::thrown(message_of(c, v)).with_value(v))
}

fn tonumber(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let v = a.get(0);
    if a.get(1) != Value::Null {
        let base = int_arg(c, a, 1)?;
        if !(2..=36).contains(&base) {
            return Err(a.bad(1, "base out of range").into());
        }
        let s = string_arg(c, a, 0)?;
        return one(number::parse_in_base(&s, base as u32).map_or(Value::Null, Value::Int));
    }
    one(match v {
        Value::Int(_) | Value::Float(_) => v,
        Value::Str(_) => {
            number::parse_number(c.heap().str(v).unwrap_or_default()).unwrap_or(Value::Null)
        }
        _ if a.items.is_empty() => return Err(a.bad(0, "value expected").into()),
        _ => Value::Null,
    })
}

fn select(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let rest = a.items.get(1..).unwrap_or_default();
    if let Some("#") = c.heap().str(a.get(0)) {
        return one(Value::Int(rest.len() as i64));
    }
    let n = int_arg(c, a, 0)?;
    let len = rest.len() as i64;
    let start = if n < 0 {
        if -n > len {
            return Err(a.bad(0, "index out of range").into());
        }
        len + n
    } else if n == 0 {
        return Err(a.bad(0, "index out of range").into());
    } else {
        (n - 1).min(len)
    };
    Ok(rest[start as usize..].to_vec())
}

fn next(c: &mut Call<'_>, t: Value, k: Value) -> F {
    match table::next(c.heap(), t, k)? {
        None => Ok(vec![Value::Null]),
        Some((key, v)) => {
            let key = match key {
                Ok(key) => key,
                Err(text) => c.alloc_str(text)?,
            };
            Ok(vec![key, v])
        }
    }
}

/// Lua's string index rules: a start position (1-based, negative from the end).
fn start_pos(i: i64, len: usize) -> usize {
    let len = len as i64;
    if i > 0 {
        i as usize
    } else if i == 0 || i < -len {
        1
    } else {
        (len + i + 1) as usize
    }
}

/// Lua's end position rule (inclusive, clamped to the length).
fn end_pos(j: i64, len: usize) -> usize {
    let l = len as i64;
    if j > l {
        len
    } else if j >= 0 {
        j as usize
    } else if j < -l {
        0
    } else {
        (l + j + 1) as usize
    }
}

fn capture_value(c: &mut Call<'_>, src: &[u8], cap: Capture) -> Result<Value, Fail> {
    match cap {
        Capture::Span(s, e) => bytes_to_value(c, &src[s..e]),
        Capture::Position(p) => Ok(Value::Int(p as i64 + 1)),
    }
}

fn string_lib(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let s = string_arg(c, a, 0)?;
    let bytes = s.as_bytes();
    match a.name {
        "string.len" => one(Value::Int(bytes.len() as i64)),
        "string.sub" => {
            let i = start_pos(opt_int(c, a, 1, 1)?, bytes.len());
            let j = end_pos(opt_int(c, a, 2, -1)?, bytes.len());
            Ok(vec![if i > j {
                new_str(c, "")?
            } else {
                bytes_to_value(c, &bytes[i - 1..j])?
            }])
        }
        "string.upper" => Ok(vec![new_str(c, s.to_ascii_uppercase())?]),
        "string.lower" => Ok(vec![new_str(c, s.to_ascii_lowercase())?]),
        "string.reverse" => {
            let mut b = bytes.to_vec();
            b.reverse();
            Ok(vec![bytes_to_value(c, &b)?])
        }
        "string.rep" => {
            let n = int_arg(c, a, 1)?;
            let sep = if a.get(2) == Value::Null {
                String::new()
            } else {
                string_arg(c, a, 2)?
            };
            if n <= 0 {
                return Ok(vec![new_str(c, "")?]);
            }
            let total = (s.len() + sep.len()).saturating_mul(n as usize);
            c.heap().check_room(total)?;
            c.charge_bytes(total)?;
            let mut out = String::with_capacity(total);
            for k in 0..n {
                if k > 0 {
                    out.push_str(&sep);
                }
                out.push_str(&s);
            }
            Ok(vec![c.alloc_str(out)?])
        }
        "string.byte" => {
            let i = start_pos(opt_int(c, a, 1, 1)?, bytes.len());
            let j = end_pos(opt_int(c, a, 2, i as i64)?, bytes.len());
            Ok(if i > j {
                Vec::new()
            } else {
                bytes[i - 1..j]
                    .iter()
                    .map(|b| Value::Int(*b as i64))
                    .collect()
            })
        }
        "string.char" => string_char(c, a),
        "string.format" => {
            // `%s` of a table shows its `__tostring`.
            let mut args = a.items.get(1..).unwrap_or_default().to_vec();
            for v in &mut args {
                if matches!(v, Value::Obj(_))
                    && (super::meta::metamethod(c.heap(), *v, "__tostring").is_some()
                        || super::meta::metamethod(c.heap(), *v, "__name").is_some())
                {
                    let text = super::tostring_meta(c, *v)?;
                    *v = c.alloc_str(text)?;
                }
            }
            let text = format::format(c.heap(), bytes, &args).map_err(Fail::Lua)?;
            Ok(vec![new_str(c, text)?])
        }
        "string.find" | "string.match" => find(c, a, &s),
        "string.gsub" => gsub(c, a, &s),
        _ => Err(Fail::Runtime(diag::invalid_argument(
            "lua.lib",
            format!("unknown library function {:?}", a.name),
        ))),
    }
}

fn string_char(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let mut out = Vec::new();
    for i in 0..a.items.len() {
        let n = int_arg(c, a, i)?;
        if !(0..=255).contains(&n) {
            return Err(a.bad(i, "value out of range").into());
        }
        out.push(n as u8);
    }
    Ok(vec![bytes_to_value(c, &out)?])
}

fn find(c: &mut Call<'_>, a: &Args<'_>, s: &str) -> F {
    let src = s.as_bytes();
    let pat = string_arg(c, a, 1)?;
    let init = start_pos(opt_int(c, a, 2, 1)?, src.len());
    if init > src.len() + 1 {
        return Ok(vec![Value::Null]);
    }
    let is_find = a.name == "string.find";
    let plain = is_find && (is_truthy(a.get(3)) || !pattern::has_specials(pat.as_bytes()));
    if plain {
        let hay = &src[init - 1..];
        let needle = pat.as_bytes();
        let found = if needle.is_empty() {
            Some(0)
        } else {
            hay.windows(needle.len()).position(|w| w == needle)
        };
        return Ok(match found {
            Some(p) => vec![
                Value::Int((init + p) as i64),
                Value::Int((init + p + needle.len() - 1) as i64),
            ],
            None => vec![Value::Null],
        });
    }
    let Some(m) = pattern::find(src, pat.as_bytes(), init - 1)? else {
        return Ok(vec![Value::Null]);
    };
    let mut out = Vec::new();
    if is_find {
        out.push(Value::Int(m.start as i64 + 1));
        out.push(Value::Int(m.end as i64));
        for cap in m.captures.clone() {
            out.push(capture_value(c, src, cap)?);
        }
    } else {
        for cap in m.values() {
            out.push(capture_value(c, src, cap)?);
        }
    }
    Ok(out)
}

/// One step of a `string.gmatch` iterator: args are the subject, the pattern and a state
/// list `[next offset, end of the last match or -1]` that this updates.
fn gmatch_step(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let s = string_arg(c, a, 0)?;
    let pat = string_arg(c, a, 1)?;
    let Value::List(state) = a.get(2) else {
        return Err(Fail::Runtime(diag::internal("gmatch.step: no state list")));
    };
    let st = c.heap().list(a.get(2)).unwrap_or_default().to_vec();
    let mut pos = match st.first() {
        Some(Value::Int(p)) => *p as usize,
        _ => 0,
    };
    let last = match st.get(1) {
        Some(Value::Int(p)) => *p,
        _ => -1,
    };
    let src = s.as_bytes();
    while pos <= src.len() {
        if let Some(m) = pattern::match_at(src, pat.as_bytes(), pos)?
            && m.end as i64 != last
        {
            let end = m.end as i64;
            c.heap_mut().update(state, |o| {
                if let HeapObj::List(items) = o {
                    *items = vec![Value::Int(end), Value::Int(end)];
                }
            })?;
            let mut out = Vec::new();
            for cap in m.values() {
                out.push(capture_value(c, src, cap)?);
            }
            return Ok(out);
        }
        pos += 1;
    }
    c.heap_mut().update(state, |o| {
        if let HeapObj::List(items) = o {
            *items = vec![Value::Int(src.len() as i64 + 1), Value::Int(last)];
        }
    })?;
    Ok(vec![Value::Null])
}

fn gsub(c: &mut Call<'_>, a: &Args<'_>, s: &str) -> F {
    let src = s.as_bytes();
    let pat_text = string_arg(c, a, 1)?;
    let (anchored, pat) = match pat_text.as_bytes() {
        [b'^', rest @ ..] => (true, rest),
        p => (false, p),
    };
    let repl = a.get(2);
    let repl_kind = match repl {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => 0,
        Value::Closure(_) => 1,
        _ if table::view(c.heap(), repl).is_some() => 2,
        _ => {
            return Err(a
                .bad(
                    2,
                    format!("string/function/table expected, got {}", arg_type(a, 2)),
                )
                .into());
        }
    };
    let max = if a.get(3) == Value::Null {
        i64::MAX
    } else {
        int_arg(c, a, 3)?
    };
    let repl_text = if repl_kind == 0 {
        string_arg(c, a, 2)?
    } else {
        String::new()
    };
    let mut out: Vec<u8> = Vec::new();
    let mut pos = 0;
    let mut last: Option<usize> = None;
    let mut count = 0i64;
    while count < max {
        let m = pattern::match_at(src, pat, pos)?;
        match m {
            Some(m) if Some(m.end) != last => {
                count += 1;
                let whole = &src[m.start..m.end];
                let caps = m.values();
                let replacement: Option<Vec<u8>> = match repl_kind {
                    0 => Some(expand(c, a, src, &repl_text, whole, &caps)?),
                    _ => {
                        let first = capture_value(c, src, caps[0])?;
                        let v = if repl_kind == 1 {
                            let mut args = Vec::new();
                            for cap in &caps {
                                args.push(capture_value(c, src, *cap)?);
                            }
                            c.ctx.call(repl, &args)?
                        } else {
                            super::meta::index(c, repl, first)?
                        };
                        match v {
                            Value::Null | Value::Bool(false) => None,
                            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                                Some(tostring(c.heap(), v).into_bytes())
                            }
                            other => {
                                return Err(format!(
                                    "invalid replacement value (a {})",
                                    type_name(other)
                                )
                                .into());
                            }
                        }
                    }
                };
                out.extend_from_slice(replacement.as_deref().unwrap_or(whole));
                pos = m.end;
                last = Some(m.end);
            }
            _ if pos < src.len() => {
                out.push(src[pos]);
                pos += 1;
            }
            _ => break,
        }
        if anchored {
            break;
        }
    }
    out.extend_from_slice(src.get(pos..).unwrap_or_default());
    Ok(vec![bytes_to_value(c, &out)?, Value::Int(count)])
}

/// A `gsub` replacement string with `%0`-`%9` and `%%` expanded.
fn expand(
    c: &mut Call<'_>,
    a: &Args<'_>,
    src: &[u8],
    repl: &str,
    whole: &[u8],
    caps: &[Capture],
) -> Result<Vec<u8>, Fail> {
    let r = repl.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < r.len() {
        if r[i] != b'%' {
            out.push(r[i]);
            i += 1;
            continue;
        }
        i += 1;
        match r.get(i) {
            Some(b'%') => out.push(b'%'),
            Some(b'0') => out.extend_from_slice(whole),
            Some(d) if d.is_ascii_digit() => {
                let n = (d - b'1') as usize;
                match caps.get(n) {
                    Some(Capture::Span(s, e)) => out.extend_from_slice(&src[*s..*e]),
                    Some(Capture::Position(p)) => {
                        out.extend_from_slice((p + 1).to_string().as_bytes())
                    }
                    None => {
                        return Err(format!(
                            "invalid capture index %{} in replacement string",
                            n + 1
                        )
                        .into());
                    }
                }
            }
            _ => {
                let _ = c;
                return Err(a.bad(2, "invalid use of '%' in replacement string").into());
            }
        }
        i += 1;
    }
    Ok(out)
}

fn array_of(c: &Call<'_>, a: &Args<'_>, t: Value) -> Result<Vec<Value>, Fail> {
    let id = table::array_id(c.heap(), t)
        .ok_or_else(|| Fail::Lua(a.bad(0, "table expected, got a record")))?;
    Ok(c.heap().list(Value::List(id)).unwrap_or_default().to_vec())
}

fn table_lib(c: &mut Call<'_>, a: &Args<'_>) -> F {
    match a.name {
        "table.pack" => {
            let t = table::new_table(c.heap_mut(), a.items.to_vec())?;
            let n = c.alloc_str("n".to_owned())?;
            set(c, t, n, Value::Int(a.items.len() as i64))?;
            return one(t);
        }
        "table.unpack" => {
            let t = a.get(0);
            let len = table::length(c.heap(), t).ok_or_else(|| {
                Fail::Lua(a.bad(0, format!("table expected, got {}", arg_type(a, 0))))
            })?;
            let i = opt_int(c, a, 1, 1)?;
            let j = opt_int(c, a, 2, len)?;
            if j >= i && j - i >= 1_000_000 {
                return Err("too many results to unpack".to_owned().into());
            }
            let mut out = Vec::new();
            let mut k = i;
            while k <= j {
                out.push(get(c, t, Value::Int(k))?);
                k += 1;
            }
            return Ok(out);
        }
        _ => {}
    }
    let t = table_arg(c, a, 0)?;
    let mut items = array_of(c, a, t)?;
    let len = items.len() as i64;
    match a.name {
        "table.insert" => match a.items.len() {
            2 => {
                set(c, t, Value::Int(len + 1), a.get(1))?;
                Ok(Vec::new())
            }
            3 => {
                let pos = int_arg(c, a, 1)?;
                if pos < 1 || pos > len + 1 {
                    return Err(a.bad(1, "position out of bounds").into());
                }
                c.charge_items((len - pos + 1) as u64)?;
                items.insert((pos - 1) as usize, a.get(2));
                table::replace_array(c.heap_mut(), t, items)?;
                Ok(Vec::new())
            }
            _ => Err("wrong number of arguments to 'insert'".to_owned().into()),
        },
        "table.remove" => {
            let pos = opt_int(c, a, 1, len)?;
            if a.items.len() >= 2
                && len + 1 != pos
                && (pos < 1 || pos > len + 1)
                && !(len == 0 && pos == 0)
            {
                return Err(a.bad(1, "position out of bounds").into());
            }
            if len == 0 || pos < 1 || pos > len {
                return one(get(c, t, Value::Int(pos))?);
            }
            c.charge_items((len - pos + 1) as u64)?;
            let v = items.remove((pos - 1) as usize);
            table::replace_array(c.heap_mut(), t, items)?;
            one(v)
        }
        "table.concat" => {
            let sep = if a.get(1) == Value::Null {
                String::new()
            } else {
                string_arg(c, a, 1)?
            };
            let i = opt_int(c, a, 2, 1)?;
            let j = opt_int(c, a, 3, len)?;
            let mut out = String::new();
            let mut k = i;
            while k <= j {
                let v = get(c, t, Value::Int(k))?;
                match v {
                    Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                        out.push_str(&tostring(c.heap(), v))
                    }
                    other => {
                        return Err(format!(
                            "invalid value (at index {k}) in table for 'concat' ({} found)",
                            type_name(other)
                        )
                        .into());
                    }
                }
                if k < j {
                    out.push_str(&sep);
                }
                k += 1;
            }
            Ok(vec![new_str(c, out)?])
        }
        "table.sort" => {
            let cmp = a.get(1);
            if cmp != Value::Null && !matches!(cmp, Value::Closure(_)) {
                return Err(a
                    .bad(1, format!("function expected, got {}", arg_type(a, 1)))
                    .into());
            }
            let n = items.len();
            if n > 1 {
                let mut sorter = Sorter { c, cmp, items };
                sorter.sort(0, n - 1)?;
                let items = sorter.items;
                table::replace_array(c.heap_mut(), t, items)?;
            }
            Ok(Vec::new())
        }
        _ => Err(Fail::Runtime(diag::invalid_argument(
            "lua.lib",
            format!("unknown library function {:?}", a.name),
        ))),
    }
}

/// lua5.4's quicksort (median of three, middle pivot), so that elements the order
/// function considers equal end up where lua5.4 puts them.
struct Sorter<'c, 'a> {
    c: &'c mut Call<'a>,
    cmp: Value,
    items: Vec<Value>,
}

impl Sorter<'_, '_> {
    fn less(&mut self, x: Value, y: Value) -> Result<bool, Fail> {
        self.c.charge_items(1)?;
        if self.cmp != Value::Null {
            let r = self.c.ctx.call(self.cmp, &[x, y])?;
            return Ok(is_truthy(r));
        }
        Ok(super::meta::compare(self.c, super::meta::Cmp::Lt, x, y)?)
    }

    fn sort(&mut self, mut lo: usize, mut up: usize) -> Result<(), Fail> {
        while lo < up {
            if self.less(self.items[up], self.items[lo])? {
                self.items.swap(lo, up);
            }
            if up - lo == 1 {
                break;
            }
            let mut p = lo + (up - lo) / 2;
            if self.less(self.items[p], self.items[lo])? {
                self.items.swap(p, lo);
            } else if self.less(self.items[up], self.items[p])? {
                self.items.swap(p, up);
            }
            if up - lo == 2 {
                break;
            }
            let pivot = self.items[p];
            self.items.swap(p, up - 1);
            p = self.partition(lo, up, pivot)?;
            if p - lo < up - p {
                if p > lo {
                    self.sort(lo, p - 1)?;
                }
                lo = p + 1;
            } else {
                self.sort(p + 1, up)?;
                if p == 0 {
                    break;
                }
                up = p - 1;
            }
        }
        Ok(())
    }

    fn partition(&mut self, lo: usize, up: usize, pivot: Value) -> Result<usize, Fail> {
        let mut i = lo;
        let mut j = up - 1;
        loop {
            i += 1;
            while self.less(self.items[i], pivot)? {
                if i == up - 1 {
                    return Err("invalid order function for sorting".to_owned().into());
                }
                i += 1;
            }
            j -= 1;
            while self.less(pivot, self.items[j])? {
                if j < i || j == 0 {
                    return Err("invalid order function for sorting".to_owned().into());
                }
                j -= 1;
            }
            if j < i {
                self.items.swap(up - 1, i);
                return Ok(i);
            }
            self.items.swap(i, j);
        }
    }
}

/// Lua's `<` on numbers and strings.
fn float_to_value(f: f64) -> Value {
    match number::float_to_int(f) {
        Some(i) => Value::Int(i),
        None => Value::Float(f),
    }
}

fn math_lib(c: &mut Call<'_>, a: &Args<'_>) -> F {
    let f1 =
        |c: &Call<'_>, op: fn(f64) -> f64| -> F { Ok(vec![Value::Float(op(float_arg(c, a, 0)?))]) };
    match a.name {
        "math.floor" | "math.ceil" => {
            let v = number_arg(c, a, 0)?;
            one(match v {
                Value::Float(f) => {
                    let r = if a.name == "math.floor" {
                        f.floor()
                    } else {
                        f.ceil()
                    };
                    float_to_value(r)
                }
                other => other,
            })
        }
        "math.abs" => one(match number_arg(c, a, 0)? {
            Value::Int(i) => Value::Int(i.wrapping_abs()),
            Value::Float(f) => Value::Float(f.abs()),
            other => other,
        }),
        "math.max" | "math.min" => {
            let mut best = number_arg(c, a, 0)?;
            for i in 1..a.items.len() {
                let v = number_arg(c, a, i)?;
                let replace = if a.name == "math.max" {
                    super::meta::compare(c, super::meta::Cmp::Lt, best, v)?
                } else {
                    super::meta::compare(c, super::meta::Cmp::Lt, v, best)?
                };
                if replace {
                    best = v;
                }
            }
            one(best)
        }
        "math.sqrt" => f1(c, f64::sqrt),
        "math.sin" => f1(c, f64::sin),
        "math.cos" => f1(c, f64::cos),
        "math.tan" => f1(c, f64::tan),
        "math.asin" => f1(c, f64::asin),
        "math.acos" => f1(c, f64::acos),
        "math.exp" => f1(c, f64::exp),
        "math.atan" => {
            let y = float_arg(c, a, 0)?;
            let x = if a.get(1) == Value::Null {
                1.0
            } else {
                float_arg(c, a, 1)?
            };
            one(Value::Float(y.atan2(x)))
        }
        "math.log" => {
            let x = float_arg(c, a, 0)?;
            let r = if a.get(1) == Value::Null {
                x.ln()
            } else {
                match float_arg(c, a, 1)? {
                    2.0 => x.log2(),
                    10.0 => x.log10(),
                    b => x.ln() / b.ln(),
                }
            };
            one(Value::Float(r))
        }
        "math.fmod" => {
            let (x, y) = (number_arg(c, a, 0)?, number_arg(c, a, 1)?);
            one(match (x, y) {
                (Value::Int(_), Value::Int(0)) => return Err(a.bad(1, "zero").into()),
                (Value::Int(p), Value::Int(q)) => Value::Int(p.wrapping_rem(q)),
                _ => Value::Float(x.as_f64().unwrap_or(f64::NAN) % y.as_f64().unwrap_or(f64::NAN)),
            })
        }
        "math.modf" => {
            let x = float_arg(c, a, 0)?;
            let ip = if x.is_infinite() { x } else { x.trunc() };
            let frac = if x.is_infinite() { 0.0 } else { x - ip };
            Ok(vec![Value::Float(ip), Value::Float(frac)])
        }
        "math.tointeger" => {
            let v = match a.get(0) {
                s @ Value::Str(_) => {
                    number::parse_number(c.heap().str(s).unwrap_or_default()).unwrap_or(Value::Null)
                }
                other => other,
            };
            one(match v {
                Value::Int(i) => Value::Int(i),
                Value::Float(f) => number::float_to_int(f).map_or(Value::Null, Value::Int),
                _ => Value::Null,
            })
        }
        "math.type" => {
            if a.items.is_empty() {
                return Err(a.bad(0, "value expected").into());
            }
            Ok(vec![match a.get(0) {
                Value::Int(_) => new_str(c, "integer")?,
                Value::Float(_) => new_str(c, "float")?,
                _ => Value::Null,
            }])
        }
        "math.ult" => {
            let (x, y) = (int_arg(c, a, 0)?, int_arg(c, a, 1)?);
            one(Value::Bool((x as u64) < (y as u64)))
        }
        _ => Err(Fail::Runtime(diag::invalid_argument(
            "lua.lib",
            format!("unknown library function {:?}", a.name),
        ))),
    }
}
