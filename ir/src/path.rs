//! JSON paths (`$[2][1]`, `$[0].name`) and finding the text a path points at.
//!
//! Diagnostics name nodes by path so they stay meaningful without the source text; when the
//! text is at hand, [`locate`] turns a path back into a byte range for a rendered label.

use std::fmt;
use std::ops::Range;

/// One step into a JSON document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    Index(usize),
    Key(String),
}

/// A path from the document root to a node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    /// This path extended by one array index.
    pub fn index(&self, i: usize) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// This path extended by one object key.
    pub fn key(&self, k: &str) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_owned()));
        p
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for seg in &self.0 {
            match seg {
                Seg::Index(i) => write!(f, "[{i}]")?,
                Seg::Key(k) if is_plain_key(k) => write!(f, ".{k}")?,
                Seg::Key(k) => {
                    write!(f, "[{}]", serde_json::to_string(k).map_err(|_| fmt::Error)?)?
                }
            }
        }
        Ok(())
    }
}

fn is_plain_key(k: &str) -> bool {
    let mut chars = k.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The byte range of the value at `path` in JSON `text`, if the text holds one there.
///
/// The text is expected to be valid JSON (it was parsed before); on anything unexpected
/// this returns `None` rather than guessing.
pub fn locate(text: &str, path: &JsonPath) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for seg in &path.0 {
        match (seg, bytes.get(pos)?) {
            (Seg::Index(want), b'[') => {
                pos = skip_ws(bytes, pos + 1);
                let mut i = 0;
                loop {
                    if bytes.get(pos)? == &b']' {
                        return None;
                    }
                    if i == *want {
                        break;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    match bytes.get(pos)? {
                        b',' => pos = skip_ws(bytes, pos + 1),
                        _ => return None,
                    }
                    i += 1;
                }
            }
            (Seg::Key(want), b'{') => {
                pos = skip_ws(bytes, pos + 1);
                // A repeated key keeps its last value, so remember the last match.
                let mut found = None;
                loop {
                    if bytes.get(pos)? == &b'}' {
                        break;
                    }
                    let key_end = skip_string(bytes, pos)?;
                    let key: String = serde_json::from_str(&text[pos..key_end]).ok()?;
                    pos = skip_ws(bytes, key_end);
                    if bytes.get(pos)? != &b':' {
                        return None;
                    }
                    pos = skip_ws(bytes, pos + 1);
                    if key == *want {
                        found = Some(pos);
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    match bytes.get(pos)? {
                        b',' => pos = skip_ws(bytes, pos + 1),
                        b'}' => break,
                        _ => return None,
                    }
                }
                pos = found?;
            }
            _ => return None,
        }
    }
    Some(pos..skip_value(bytes, pos)?)
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// End offset of the string literal starting at `pos`.
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    if bytes.get(pos)? != &b'"' {
        return None;
    }
    let mut i = pos + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// End offset of the JSON value starting at `pos` (iterative, so depth costs no stack).
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = pos;
    loop {
        match bytes.get(i)? {
            b'"' => i = skip_string(bytes, i)?,
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ if depth == 0 => {
                // A scalar: runs until a delimiter.
                let start = i;
                while !matches!(
                    bytes.get(i),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    i += 1;
                }
                return (i > start).then_some(i);
            }
            _ => i += 1,
        }
        if depth == 0 {
            return Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, path: JsonPath, expect: &str) {
        let range = locate(text, &path).expect("path should be found");
        assert_eq!(&text[range], expect);
    }

    #[test]
    fn displays_paths() {
        let p = JsonPath::root().index(2).index(1).key("name").key("a b");
        assert_eq!(p.to_string(), r#"$[2][1].name["a b"]"#);
    }

    #[test]
    fn locates_nested_values() {
        let text = r#" ["std.seq", ["std.let", "x", 1.5e3], {"k": [1, "]"], "k2": null}] "#;
        check(text, JsonPath::root(), &text[1..text.len() - 1]);
        check(text, JsonPath::root().index(1).index(2), "1.5e3");
        check(text, JsonPath::root().index(2).key("k").index(1), r#""]""#);
        check(text, JsonPath::root().index(2).key("k2"), "null");
        assert_eq!(locate(text, &JsonPath::root().index(9)), None);
    }
}
