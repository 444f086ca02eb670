//! Lua 5.4 patterns, matched on the bytes of a string: character classes (`%a %d %l %s
//! %u %w %x %p %c %g` and their upper-case complements), sets `[...]` with ranges and
//! classes, `.`, the quantifiers `* + - ?`, anchors `^` and `$`, captures (including
//! position captures `()`), back-references `%1`-`%9`, `%b()` and frontiers `%f[set]`.
//!
//! The matcher backtracks like lua5.4's own, with a bound on recursion depth, so a
//! hostile pattern fails with "pattern too complex" instead of exhausting the stack.

/// Most captures in one pattern (lua5.4's `LUA_MAXCAPTURES`).
const MAX_CAPTURES: usize = 32;
/// Deepest recursion of the matcher before it gives up.
const MAX_DEPTH: usize = 200;

const ESC: u8 = b'%';

/// What one capture matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Capture {
    /// A substring: byte range.
    Span(usize, usize),
    /// A position capture `()`: a 0-based byte offset.
    Position(usize),
}

#[derive(Clone, Copy, Debug)]
enum Slot {
    Open(usize),
    Closed(usize, usize),
    Position(usize),
}

struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    caps: Vec<Slot>,
    depth: usize,
}

type M<T> = Result<T, String>;

/// A successful match: the whole match's byte range and the captures.
#[derive(Clone, Debug)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub captures: Vec<Capture>,
}

impl Match {
    /// The captures, or the whole match when the pattern has none.
    pub(crate) fn values(&self) -> Vec<Capture> {
        if self.captures.is_empty() {
            vec![Capture::Span(self.start, self.end)]
        } else {
            self.captures.clone()
        }
    }
}

/// Tries `pat` at each start position from `init` (a byte offset) onward; a pattern
/// starting with `^` only at `init`.
pub(crate) fn find(src: &[u8], pat: &[u8], init: usize) -> M<Option<Match>> {
    let (anchored, pat) = match pat.first() {
        Some(b'^') => (true, &pat[1..]),
        _ => (false, pat),
    };
    let mut start = init;
    loop {
        if let Some(m) = match_at(src, pat, start)? {
            return Ok(Some(m));
        }
        start += 1;
        if anchored || start > src.len() {
            return Ok(None);
        }
    }
}

/// Matches `pat` (without a leading `^`) exactly at byte offset `start`.
pub(crate) fn match_at(src: &[u8], pat: &[u8], start: usize) -> M<Option<Match>> {
    let mut m = Matcher {
        src,
        pat,
        caps: Vec::new(),
        depth: 0,
    };
    let Some(end) = m.do_match(start, 0)? else {
        return Ok(None);
    };
    let mut captures = Vec::with_capacity(m.caps.len());
    for c in &m.caps {
        captures.push(match *c {
            Slot::Closed(s, e) => Capture::Span(s, e),
            Slot::Position(p) => Capture::Position(p),
            Slot::Open(_) => return Err("unfinished capture".into()),
        });
    }
    Ok(Some(Match {
        start,
        end,
        captures,
    }))
}

/// Whether a pattern has special characters (else `find` may search plainly).
pub(crate) fn has_specials(pat: &[u8]) -> bool {
    pat.iter().any(|b| b"^$*+?.([%-".contains(b))
}

fn class_matches(class: u8, c: u8) -> bool {
    let yes = match class.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => c.is_ascii_whitespace() || c == 0x0b,
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        _ => return class == c,
    };
    if class.is_ascii_uppercase() {
        !yes
    } else {
        yes
    }
}

impl Matcher<'_> {
    /// The end of the single-character item starting at `p`.
    fn class_end(&self, p: usize) -> M<usize> {
        let pat = self.pat;
        let mut p = p;
        let c = pat[p];
        p += 1;
        if c == ESC {
            if p >= pat.len() {
                return Err("malformed pattern (ends with '%')".into());
            }
            return Ok(p + 1);
        }
        if c == b'[' {
            if pat.get(p) == Some(&b'^') {
                p += 1;
            }
            // The first character of a set (even `]`) is literal.
            loop {
                if p >= pat.len() {
                    return Err("malformed pattern (missing ']')".into());
                }
                let cc = pat[p];
                p += 1;
                if cc == ESC {
                    if p >= pat.len() {
                        return Err("malformed pattern (missing ']')".into());
                    }
                    p += 1;
                }
                if pat.get(p) == Some(&b']') {
                    return Ok(p + 1);
                }
            }
        }
        Ok(p)
    }

    fn set_matches(&self, c: u8, start: usize, end: usize) -> bool {
        // `start` is the `[`, `end - 1` the closing `]`.
        let pat = self.pat;
        let mut p = start + 1;
        let negate = pat.get(p) == Some(&b'^');
        if negate {
            p += 1;
        }
        let last = end - 1;
        while p < last {
            if pat[p] == ESC && p + 1 < last {
                if class_matches(pat[p + 1], c) {
                    return !negate;
                }
                p += 2;
            } else if p + 2 < last && pat[p + 1] == b'-' {
                if pat[p] <= c && c <= pat[p + 2] {
                    return !negate;
                }
                p += 3;
            } else {
                if pat[p] == c {
                    return !negate;
                }
                p += 1;
            }
        }
        negate
    }

    fn single_matches(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.pat[p] {
            b'.' => true,
            ESC => class_matches(self.pat[p + 1], c),
            b'[' => self.set_matches(c, p, ep),
            pc => pc == c,
        }
    }

    fn do_match(&mut self, s: usize, p: usize) -> M<Option<usize>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("pattern too complex".into());
        }
        let r = self.match_here(s, p);
        self.depth -= 1;
        r
    }

    fn match_here(&mut self, mut s: usize, mut p: usize) -> M<Option<usize>> {
        loop {
            if p >= self.pat.len() {
                return Ok(Some(s));
            }
            match self.pat[p] {
                b'(' => {
                    return if self.pat.get(p + 1) == Some(&b')') {
                        self.start_capture(s, p + 2, Slot::Position(s))
                    } else {
                        self.start_capture(s, p + 1, Slot::Open(s))
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => {
                    return Ok((s == self.src.len()).then_some(s));
                }
                ESC if self.pat.get(p + 1) == Some(&b'b') => {
                    let Some(end) = self.balance(s, p + 2)? else {
                        return Ok(None);
                    };
                    s = end;
                    p += 4;
                    continue;
                }
                ESC if self.pat.get(p + 1) == Some(&b'f') => {
                    p += 2;
                    if self.pat.get(p) != Some(&b'[') {
                        return Err("missing '[' after '%f' in pattern".into());
                    }
                    let ep = self.class_end(p)?;
                    let prev = if s == 0 { 0 } else { self.src[s - 1] };
                    let cur = self.src.get(s).copied().unwrap_or(0);
                    if !self.set_matches(prev, p, ep) && self.set_matches(cur, p, ep) {
                        p = ep;
                        continue;
                    }
                    return Ok(None);
                }
                ESC if self.pat.get(p + 1).is_some_and(u8::is_ascii_digit) => {
                    let Some(end) = self.back_reference(s, self.pat[p + 1])? else {
                        return Ok(None);
                    };
                    s = end;
                    p += 2;
                    continue;
                }
                _ => {}
            }
            let ep = self.class_end(p)?;
            let matched = self.single_matches(s, p, ep);
            match self.pat.get(ep) {
                Some(b'?') => {
                    if matched && let Some(end) = self.do_match(s + 1, ep + 1)? {
                        return Ok(Some(end));
                    }
                    p = ep + 1;
                }
                Some(b'+') => {
                    return if matched {
                        self.max_expand(s + 1, p, ep)
                    } else {
                        Ok(None)
                    };
                }
                Some(b'*') => return self.max_expand(s, p, ep),
                Some(b'-') => return self.min_expand(s, p, ep),
                _ => {
                    if !matched {
                        return Ok(None);
                    }
                    s += 1;
                    p = ep;
                }
            }
        }
    }

    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> M<Option<usize>> {
        let mut i = 0;
        while self.single_matches(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(end) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(end));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> M<Option<usize>> {
        loop {
            if let Some(end) = self.do_match(s, ep + 1)? {
                return Ok(Some(end));
            }
            if self.single_matches(s, p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, slot: Slot) -> M<Option<usize>> {
        if self.caps.len() >= MAX_CAPTURES {
            return Err("too many captures".into());
        }
        self.caps.push(slot);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.caps.pop();
        }
        Ok(r)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> M<Option<usize>> {
        let Some(i) = self.caps.iter().rposition(|c| matches!(c, Slot::Open(_))) else {
            return Err("invalid pattern capture".into());
        };
        let Slot::Open(start) = self.caps[i] else {
            return Err("invalid pattern capture".into());
        };
        self.caps[i] = Slot::Closed(start, s);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.caps[i] = Slot::Open(start);
        }
        Ok(r)
    }

    fn balance(&self, s: usize, p: usize) -> M<Option<usize>> {
        let (Some(&open), Some(&close)) = (self.pat.get(p), self.pat.get(p + 1)) else {
            return Err("missing arguments to '%b'".into());
        };
        if self.src.get(s) != Some(&open) {
            return Ok(None);
        }
        let mut depth = 1;
        let mut i = s + 1;
        while i < self.src.len() {
            let c = self.src[i];
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
            i += 1;
        }
        Ok(None)
    }

    fn back_reference(&self, s: usize, digit: u8) -> M<Option<usize>> {
        let n = (digit - b'0') as usize;
        let Some(Slot::Closed(a, b)) = n.checked_sub(1).and_then(|i| self.caps.get(i).copied())
        else {
            return Err(format!("invalid capture index %{n}"));
        };
        let part = &self.src[a..b];
        Ok(self
            .src
            .get(s..s + part.len())
            .filter(|w| *w == part)
            .map(|_| s + part.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, pat: &str, expect: Option<(usize, usize)>) {
        let got = find(src.as_bytes(), pat.as_bytes(), 0)
            .unwrap()
            .map(|m| (m.start, m.end));
        assert_eq!(got, expect, "{src:?} ~ {pat:?}");
    }

    #[test]
    fn patterns() {
        check("hello world", "o w", Some((4, 7)));
        check("hello", "l+", Some((2, 4)));
        check("hello", "^h.-o$", Some((0, 5)));
        check("  x", "^%s*$", None);
        check("f(a(b)c)d", "%b()", Some((1, 8)));
        check("THE (quick) fox", "%f[%a]%a+", Some((0, 3)));
        check("abcabc", "(abc)%1", Some((0, 6)));
        check("key = val", "[%w_]+", Some((0, 3)));
        check("a]b", "[]]", Some((1, 2)));
        check("x-1", "[%-]", Some((1, 2)));
    }
}
