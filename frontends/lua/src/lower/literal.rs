//! Numerals and string literals: Lua's escapes, long brackets, hexadecimal numerals,
//! and integer literals too large for 64 bits (they become floats, as in lua5.4).

use weft_ir::Node;

/// Reads a numeral: `Some(Int)` or `Some(Float)`, `None` when malformed.
pub(crate) fn number(text: &str) -> Option<Node> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if hex.contains(['.', 'p', 'P']) {
            return hex_float(hex).map(Node::Float);
        }
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        // Hexadecimal integers wrap around modulo 2^64.
        let mut n: u64 = 0;
        for b in hex.bytes() {
            n = n
                .wrapping_mul(16)
                .wrapping_add((b as char).to_digit(16).unwrap_or(0) as u64);
        }
        return Some(Node::Int(n as i64));
    }
    if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
        return Some(match t.parse::<i64>() {
            Ok(n) => Node::Int(n),
            Err(_) => Node::Float(t.parse::<f64>().ok()?),
        });
    }
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == '.') || t.contains(['n', 'N', 'i', 'I'])
    {
        return None;
    }
    let f: f64 = t.parse().ok()?;
    f.is_finite().then_some(Node::Float(f))
}

fn hex_float(hex: &str) -> Option<f64> {
    let (mantissa, exp) = match hex.find(['p', 'P']) {
        Some(i) => (&hex[..i], hex[i + 1..].parse::<i32>().ok()?),
        None => (hex, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for c in int_part.chars() {
        value = value * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        value += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    Some(value * 2f64.powi(exp))
}

/// The text of a string literal token: `literal` is what full_moon keeps (without the
/// quotes), `long` whether it was written with long brackets. `Err` says what is wrong.
pub(crate) fn string(literal: &str, long: bool) -> Result<String, String> {
    if long {
        // A newline right after the opening bracket is skipped.
        let s = literal
            .strip_prefix("\r\n")
            .or_else(|| literal.strip_prefix('\n'))
            .unwrap_or(literal);
        return Ok(s.to_owned());
    }
    let bytes = literal.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = bytes.get(i) else {
            return Err("unfinished escape".into());
        };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'\\' => out.push(b'\\'),
            b'"' => out.push(b'"'),
            b'\'' => out.push(b'\''),
            b'\n' => out.push(b'\n'),
            b'\r' => {
                out.push(b'\n');
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'x' => {
                let hex = bytes
                    .get(i..i + 2)
                    .ok_or("`\\x` needs two hexadecimal digits")?;
                let text = std::str::from_utf8(hex).map_err(|_| "bad `\\x` escape")?;
                let v = u8::from_str_radix(text, 16)
                    .map_err(|_| "`\\x` needs two hexadecimal digits")?;
                out.push(v);
                i += 2;
            }
            b'z' => {
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
            }
            b'u' => {
                if bytes.get(i) != Some(&b'{') {
                    return Err("`\\u` needs `{`".into());
                }
                let close = bytes[i..]
                    .iter()
                    .position(|b| *b == b'}')
                    .ok_or("unclosed `\\u{`")?;
                let text =
                    std::str::from_utf8(&bytes[i + 1..i + close]).map_err(|_| "bad `\\u`")?;
                let code = u32::from_str_radix(text, 16).map_err(|_| "bad `\\u` escape")?;
                let ch = char::from_u32(code).ok_or("`\\u` escape is not a character")?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i += close + 1;
            }
            d if d.is_ascii_digit() => {
                let mut v: u32 = (d - b'0') as u32;
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(d) if d.is_ascii_digit() => {
                            v = v * 10 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                if v > 255 {
                    return Err("decimal escape too large".into());
                }
                out.push(v as u8);
            }
            other => return Err(format!("invalid escape `\\{}`", other as char)),
        }
    }
    String::from_utf8(out).map_err(|_| "the escapes do not form UTF-8 text".into())
}
