//! Python's format-spec mini-language (`format()`, f-string `{x:spec}`, `str.format`)
//! and printf-style `%` formatting.

use weft_runtime::{Heap, Value};

use super::value::{Py, float_repr, repr, to_str, type_name, view};
use super::{R, raise};
use crate::call::Call;

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

/// A formatting failure: the exception type and message.
pub(crate) type Fail = (&'static str, String);

fn parse_spec(spec: &str) -> Result<Spec, Fail> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    s.width = chars[start..i]
        .iter()
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err((
                "ValueError",
                "Format specifier missing precision".to_owned(),
            ));
        }
        s.precision = chars[start..i].iter().collect::<String>().parse().ok();
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err(("ValueError", "Invalid format specifier".to_owned()));
    }
    check_sizes(&s)?;
    Ok(s)
}

/// Widths and precisions beyond these would only exhaust memory.
fn check_sizes(s: &Spec) -> Result<(), Fail> {
    if s.width > 100_000 || s.precision.unwrap_or(0) > 10_000 {
        return Err((
            "ValueError",
            "Too many decimal digits in format string".to_owned(),
        ));
    }
    Ok(())
}

fn pad(body: &str, sign: &str, spec: &Spec, default_align: char) -> String {
    let (mut fill, mut align) = (
        spec.fill.unwrap_or(' '),
        spec.align.unwrap_or(default_align),
    );
    if spec.zero && spec.align.is_none() {
        fill = spec.fill.unwrap_or('0');
        align = '=';
    }
    let len = body.chars().count() + sign.chars().count();
    let missing = spec.width.saturating_sub(len);
    let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", fills(missing)),
        '^' => format!(
            "{}{sign}{body}{}",
            fills(missing / 2),
            fills(missing - missing / 2)
        ),
        '=' => format!("{sign}{}{body}", fills(missing)),
        _ => format!("{}{sign}{body}", fills(missing)),
    }
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, ch) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*ch);
    }
    out
}

/// Groups the integer part of a decimal number text.
fn group_number(text: &str, sep: Option<char>) -> String {
    let Some(sep) = sep else {
        return text.to_owned();
    };
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    format!("{}{}", group(&text[..end], sep, 3), &text[end..])
}

fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `1.5e+03` from Rust's `1.5e3`.
fn python_exp(text: &str, upper: bool) -> String {
    let Some((mant, exp)) = text.split_once('e') else {
        return text.to_owned();
    };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    let e = if upper { 'E' } else { 'e' };
    format!("{mant}{e}{sign}{digits:0>2}")
}

fn strip_zeros(text: &str) -> String {
    let (mant, exp) = match text.find(['e', 'E']) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    format!("{mant}{exp}")
}

/// A non-negative finite float in 'g' style with `p` significant digits.
fn general(x: f64, p: usize, alt: bool, add_dot_0: bool, upper: bool) -> String {
    let p = p.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let exp: i64 = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let threshold = if add_dot_0 { p as i64 - 1 } else { p as i64 };
    let text = if exp < -4 || exp >= threshold {
        python_exp(&sci, upper)
    } else {
        let decimals = (p as i64 - 1 - exp).max(0) as usize;
        format!("{x:.decimals$}")
    };
    let mut text = if alt { text } else { strip_zeros(&text) };
    if add_dot_0 && !text.contains(['.', 'e', 'E']) {
        text.push_str(".0");
    }
    text
}

fn format_float(x: f64, spec: &Spec) -> Result<String, Fail> {
    let ty = spec.ty;
    let upper = matches!(ty, Some('F' | 'E' | 'G'));
    let negative = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        if upper {
            t.to_uppercase()
        } else {
            t.to_owned()
        }
    } else {
        match ty {
            Some('f' | 'F') => group_number(
                &format!("{a:.*}", spec.precision.unwrap_or(6)),
                spec.grouping,
            ),
            Some('%') => group_number(
                &format!("{:.*}%", spec.precision.unwrap_or(6), a * 100.0),
                spec.grouping,
            ),
            Some('e' | 'E') => python_exp(&format!("{a:.*e}", spec.precision.unwrap_or(6)), upper),
            Some('g' | 'G' | 'n') => group_number(
                &general(a, spec.precision.unwrap_or(6), spec.alt, false, upper),
                spec.grouping,
            ),
            None => match spec.precision {
                Some(p) => group_number(&general(a, p, spec.alt, true, false), spec.grouping),
                None => group_number(&float_repr(a), spec.grouping),
            },
            Some(t) => {
                return Err((
                    "ValueError",
                    format!("Unknown format code '{t}' for object of type 'float'"),
                ));
            }
        }
    };
    Ok(pad(&body, sign_of(negative, spec), spec, '>'))
}

fn format_int(i: i64, spec: &Spec) -> Result<String, Fail> {
    let ty = spec.ty;
    if matches!(ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) {
        return format_float(i as f64, spec);
    }
    if spec.precision.is_some() {
        return Err((
            "ValueError",
            "Precision not allowed in integer format specifier".to_owned(),
        ));
    }
    let a = i.unsigned_abs();
    let (body, prefix) = match ty {
        None | Some('d' | 'n') => (group_number(&a.to_string(), spec.grouping), ""),
        Some('x') => (format!("{a:x}"), "0x"),
        Some('X') => (format!("{a:X}"), "0X"),
        Some('o') => (format!("{a:o}"), "0o"),
        Some('b') => (format!("{a:b}"), "0b"),
        Some('c') => (
            char::from_u32(a as u32)
                .map(String::from)
                .unwrap_or_default(),
            "",
        ),
        Some(t) => {
            return Err((
                "ValueError",
                format!("Unknown format code '{t}' for object of type 'int'"),
            ));
        }
    };
    let body = match (spec.grouping, ty) {
        (Some(g), Some('x' | 'X' | 'o' | 'b')) => group(&body, g, 4),
        _ => body,
    };
    let sign = format!(
        "{}{}",
        sign_of(i < 0, spec),
        if spec.alt { prefix } else { "" }
    );
    Ok(pad(&body, &sign, spec, '>'))
}

fn format_text(text: &str, spec: &Spec, what: &str) -> Result<String, Fail> {
    if !matches!(spec.ty, None | Some('s')) {
        return Err((
            "ValueError",
            format!(
                "Unknown format code '{}' for object of type '{what}'",
                spec.ty.unwrap_or(' ')
            ),
        ));
    }
    let text: String = match spec.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_owned(),
    };
    Ok(pad(&text, "", spec, '<'))
}

/// `format(v, spec)`.
pub(crate) fn format_value(heap: &Heap, v: Value, spec_text: &str) -> Result<String, Fail> {
    if spec_text.is_empty() {
        return Ok(to_str(heap, v));
    }
    let spec = parse_spec(spec_text)?;
    match view(heap, v) {
        Py::Int(i) => format_int(i, &spec),
        Py::Bool(b) => format_int(i64::from(b), &spec),
        Py::Float(f) => format_float(f, &spec),
        Py::Str(s) => format_text(s, &spec, "str"),
        _ => Err((
            "TypeError",
            format!(
                "unsupported format string passed to {}.__format__",
                type_name(heap, v)
            ),
        )),
    }
}

/// `py.format(value, spec)`.
pub(crate) fn format(c: &mut Call<'_>) -> R {
    let spec = c.string(1)?;
    match format_value(c.heap(), c.arg(0), &spec) {
        Ok(s) => c.alloc_str(s),
        Err((ty, msg)) => Err(raise(c, ty, msg)),
    }
}

/// `fmt % args`, printf style.
pub(crate) fn percent(c: &mut Call<'_>, fmt: &str, args: Value) -> R {
    let values: Vec<Value> = match view(c.heap(), args) {
        Py::Tuple(items) => items.to_vec(),
        _ => vec![args],
    };
    match percent_text(c.heap(), fmt, &values) {
        Ok(s) => c.alloc_str(s),
        Err((ty, msg)) => Err(raise(c, ty, msg)),
    }
}

fn percent_text(heap: &Heap, fmt: &str, values: &[Value]) -> Result<String, Fail> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next = values.iter();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '0' | '#') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '0' => spec.zero = true,
                '#' => spec.alt = true,
                c => spec.sign = Some(c),
            }
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        spec.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            spec.precision = Some(
                chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0),
            );
        }
        check_sizes(&spec)?;
        let Some(&ty) = chars.get(i) else {
            return Err(("ValueError", "incomplete format".to_owned()));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        if spec.align.is_some() {
            spec.zero = false;
        } else if !spec.zero {
            spec.align = Some('>');
        }
        let Some(&v) = next.next() else {
            return Err((
                "TypeError",
                "not enough arguments for format string".to_owned(),
            ));
        };
        let text = match ty {
            's' => format_text(&to_str(heap, v), &spec, "str")?,
            'r' => format_text(&repr(heap, v), &spec, "str")?,
            'd' | 'i' | 'u' => {
                let n = match view(heap, v) {
                    Py::Int(n) => n,
                    Py::Bool(b) => i64::from(b),
                    Py::Float(f) if f.is_finite() => f.trunc() as i64,
                    _ => {
                        return Err((
                            "TypeError",
                            format!(
                                "%{ty} format: a real number is required, not {}",
                                type_name(heap, v)
                            ),
                        ));
                    }
                };
                spec.ty = Some('d');
                format_int(n, &spec)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                spec.ty = Some(ty);
                match view(heap, v) {
                    Py::Int(n) if matches!(ty, 'x' | 'X' | 'o' | 'c') => format_int(n, &spec)?,
                    Py::Int(n) => format_float(n as f64, &spec)?,
                    Py::Float(f) if !matches!(ty, 'x' | 'X' | 'o' | 'c') => format_float(f, &spec)?,
                    _ => {
                        return Err((
                            "TypeError",
                            format!("must be real number, not {}", type_name(heap, v)),
                        ));
                    }
                }
            }
            other => {
                return Err((
                    "ValueError",
                    format!("unsupported format character '{other}'"),
                ));
            }
        };
        out.push_str(&text);
    }
    if next.next().is_some() {
        return Err((
            "TypeError",
            "not all arguments converted during string formatting".to_owned(),
        ));
    }
    Ok(out)
}

/// `template.format(*args)` with positional fields (`{}`, `{0}`), conversions and specs.
pub(crate) fn str_format(heap: &Heap, template: &str, args: &[Value]) -> Result<String, Fail> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '{' => {
                let end = (i..chars.len())
                    .find(|&j| chars[j] == '}')
                    .ok_or(("ValueError", "expected '}' before end of string".to_owned()))?;
                let field: String = chars[i + 1..end].iter().collect();
                let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (name, conv) = head
                    .split_once('!')
                    .map_or((head, None), |(n, c)| (n, Some(c)));
                let index = if name.is_empty() {
                    auto += 1;
                    auto - 1
                } else {
                    name.parse()
                        .map_err(|_| ("KeyError", format!("'{name}'")))?
                };
                let v = *args.get(index).ok_or((
                    "IndexError",
                    format!("Replacement index {index} out of range for positional args tuple"),
                ))?;
                let text = match conv {
                    Some("r") => format_text(&repr(heap, v), &parse_spec(spec)?, "str")?,
                    Some(_) => format_text(&to_str(heap, v), &parse_spec(spec)?, "str")?,
                    None => format_value(heap, v, spec)?,
                };
                out.push_str(&text);
                i = end + 1;
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    Ok(out)
}
