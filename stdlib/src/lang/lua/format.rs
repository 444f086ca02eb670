//! `string.format`: C `printf` conversions as lua5.4 accepts them — `%d %i %u %c %x %X %o
//! %e %E %f %F %g %G %s %q %%` with the flags `- + space # 0`, a width and a precision.
//! `%a` (hexadecimal floats) and `%q` of a non-integral float are not supported.

use weft_runtime::{Heap, Value};

use super::number::{self, format_e, format_f, format_g};

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

impl Spec {
    /// Pads `digits` (with its `sign` and `prefix` such as `0x`) to the width.
    fn pad_number(&self, sign: &str, prefix: &str, digits: &str, zero_ok: bool) -> String {
        let len = sign.len() + prefix.len() + digits.len();
        if len >= self.width {
            return format!("{sign}{prefix}{digits}");
        }
        let fill = self.width - len;
        if self.left {
            format!("{sign}{prefix}{digits}{}", " ".repeat(fill))
        } else if self.zero && zero_ok {
            format!("{sign}{prefix}{}{digits}", "0".repeat(fill))
        } else {
            format!("{}{sign}{prefix}{digits}", " ".repeat(fill))
        }
    }

    fn pad_text(&self, text: &str) -> String {
        let len = text.chars().count();
        if len >= self.width {
            text.to_owned()
        } else if self.left {
            format!("{text}{}", " ".repeat(self.width - len))
        } else {
            format!("{}{text}", " ".repeat(self.width - len))
        }
    }

    fn sign(&self, negative: bool) -> &'static str {
        if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }
}

/// Formats `args` by the format string; `Err` carries lua5.4's message.
pub(crate) fn format(heap: &Heap, fmt: &[u8], args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut literal = Vec::new();
    let mut next_arg = 0usize;
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            literal.push(c);
            continue;
        }
        if fmt.get(i) == Some(&b'%') {
            literal.push(b'%');
            i += 1;
            continue;
        }
        out.push_str(&String::from_utf8_lossy(&literal));
        literal.clear();
        let mut spec = Spec::default();
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
            spec.width = spec.width * 10 + (d - b'0') as usize;
            i += 1;
        }
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            let mut p = 0;
            while let Some(d) = fmt.get(i).filter(|d| d.is_ascii_digit()) {
                p = p * 10 + (d - b'0') as usize;
                i += 1;
            }
            spec.precision = Some(p);
        }
        if spec.width > 99 || spec.precision.is_some_and(|p| p > 99) {
            return Err("invalid conversion (width or precision too long)".into());
        }
        let Some(&conv) = fmt.get(i) else {
            return Err("invalid conversion '%' to 'format'".into());
        };
        i += 1;
        next_arg += 1;
        let n = next_arg;
        let arg = args.get(n - 1).copied();
        let Some(arg) = arg else {
            return Err(format!("bad argument #{} to 'format' (no value)", n + 1));
        };
        out.push_str(&convert(heap, conv, &spec, arg, n + 1)?);
    }
    out.push_str(&String::from_utf8_lossy(&literal));
    Ok(out)
}

fn number_arg(heap: &Heap, v: Value, n: usize) -> Result<Value, String> {
    match v {
        Value::Int(_) | Value::Float(_) => Ok(v),
        Value::Str(_) => number::parse_number(heap.str(v).unwrap_or_default())
            .ok_or_else(|| format!("bad argument #{n} to 'format' (number expected, got string)")),
        _ => Err(format!(
            "bad argument #{n} to 'format' (number expected, got {})",
            super::number::type_name(v)
        )),
    }
}

fn int_arg(heap: &Heap, v: Value, n: usize) -> Result<i64, String> {
    match number_arg(heap, v, n)? {
        Value::Int(i) => Ok(i),
        Value::Float(f) => number::float_to_int(f).ok_or_else(|| {
            format!("bad argument #{n} to 'format' (number has no integer representation)")
        }),
        _ => Err(format!("bad argument #{n} to 'format' (number expected)")),
    }
}

fn convert(heap: &Heap, conv: u8, spec: &Spec, arg: Value, n: usize) -> Result<String, String> {
    Ok(match conv {
        b'd' | b'i' => {
            let v = int_arg(heap, arg, n)?;
            let mut digits = v.unsigned_abs().to_string();
            if let Some(p) = spec.precision {
                if digits.len() < p {
                    digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                }
                if p == 0 && v == 0 {
                    digits.clear();
                }
            }
            spec.pad_number(spec.sign(v < 0), "", &digits, spec.precision.is_none())
        }
        b'u' => {
            let v = int_arg(heap, arg, n)? as u64;
            spec.pad_number("", "", &v.to_string(), spec.precision.is_none())
        }
        b'x' | b'X' | b'o' => {
            let v = int_arg(heap, arg, n)? as u64;
            let mut digits = match conv {
                b'x' => format!("{v:x}"),
                b'X' => format!("{v:X}"),
                _ => format!("{v:o}"),
            };
            if let Some(p) = spec.precision
                && digits.len() < p
            {
                digits = format!("{}{digits}", "0".repeat(p - digits.len()));
            }
            let prefix = match (spec.alt && v != 0, conv) {
                (true, b'x') => "0x",
                (true, b'X') => "0X",
                (true, _) if !digits.starts_with('0') => "0",
                _ => "",
            };
            spec.pad_number("", prefix, &digits, spec.precision.is_none())
        }
        b'c' => {
            let v = int_arg(heap, arg, n)?;
            let ch = char::from_u32(v as u32).unwrap_or('\u{fffd}');
            spec.pad_text(&ch.to_string())
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
            let f = number_arg(heap, arg, n)?.as_f64().unwrap_or(f64::NAN);
            let p = spec.precision.unwrap_or(6);
            let body = match conv {
                b'e' | b'E' => format_e(f.abs(), p, conv == b'E'),
                b'f' | b'F' => format_f(f.abs(), p),
                _ => format_g(f.abs(), p, spec.alt, conv == b'G'),
            };
            let body = if f.is_nan() {
                format_f(f, 0).trim_start_matches('-').to_owned()
            } else {
                body
            };
            spec.pad_number(spec.sign(f.is_sign_negative()), "", &body, f.is_finite())
        }
        b's' => {
            let text = super::tostring(heap, arg);
            let text = match spec.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            };
            spec.pad_text(&text)
        }
        b'q' => {
            if spec.left
                || spec.plus
                || spec.space
                || spec.alt
                || spec.zero
                || spec.width > 0
                || spec.precision.is_some()
            {
                return Err("specifier '%q' cannot have modifiers".into());
            }
            quote(heap, arg)?
        }
        b'a' | b'A' => return Err("'%a' is not supported by Weft's string.format".into()),
        other => {
            return Err(format!(
                "invalid conversion '%{}' to 'format'",
                other as char
            ));
        }
    })
}

/// `%q`: a string as a Lua literal that reads back the same; integers as they are.
fn quote(heap: &Heap, arg: Value) -> Result<String, String> {
    match arg {
        Value::Str(_) => {
            let text = heap.str(arg).unwrap_or_default();
            let mut out = String::from("\"");
            let mut chars = text.chars().peekable();
            while let Some(ch) = chars.next() {
                let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
                match ch {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\\n"),
                    '\r' => out.push_str("\\r"),
                    '\0' if !next_is_digit => out.push_str("\\0"),
                    c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                        if next_is_digit {
                            out.push_str(&format!("\\{:03}", c as u32));
                        } else {
                            out.push_str(&format!("\\{}", c as u32));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            Ok(out)
        }
        Value::Int(i) => Ok(if i == i64::MIN {
            "0x8000000000000000".to_owned()
        } else {
            i.to_string()
        }),
        Value::Float(f) if f.is_infinite() => Ok(if f > 0.0 { "1e9999" } else { "-1e9999" }.into()),
        Value::Float(f) if f.is_nan() => Ok("(0/0)".into()),
        Value::Float(_) => Err("'%q' of a float is not supported by Weft's string.format".into()),
        Value::Null | Value::Bool(_) => Ok(super::tostring(heap, arg)),
        _ => Err("bad argument to 'format' (value has no literal form)".into()),
    }
}
