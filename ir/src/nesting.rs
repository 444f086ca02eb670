//! Bounding how deeply a script nests, before anything recurses over it.
//!
//! Parsers, the destructors of their syntax trees and the lowerings all recurse once per
//! level of nesting, so a script nested 100,000 levels deep would exhaust any stack long
//! before the IR's own limit ([`MAX_DEPTH`]) could refuse what it lowers to. A front-end
//! therefore lexes the source first and feeds the tokens to a [`Scan`], which keeps an
//! upper bound on how deep a syntax tree those tokens can make, and stops at the first
//! token where brackets and blocks nest past [`MAX_NESTING`] or the bound passes
//! [`MAX_CHAIN`]. Only then does the source reach the parser. After lowering,
//! [`path_too_deep`] finds where the finished tree is deeper than the IR accepts, so that
//! a front-end reports that at the script's own line instead of handing the validator IR it
//! must refuse.
//!
//! The bound is computed per frame (one per open bracket or block, innermost last). A frame
//! counts the operator tokens of the expression being read in it: each can add one level
//! to the tree (`a + b + c` is two levels deep, `- - x` two, `a.b.c` two, `f(x)(y)` two).
//! When a bracket closes, its frame's deepest bound, plus a little for the node the
//! brackets make, becomes a candidate for the enclosing expression's depth (a maximum, not
//! a sum: `f(a) + f(b)` is no deeper than either call). A separator (`,`) starts a sibling
//! and a statement boundary starts a new statement, so both forget what the frame counted
//! so far; the frame's own maximum is kept. Statements that nest without brackets (an
//! `elif` chain is as deep as it is long) count in a chain that only the front-end ends.
//! The bound at a token is the sum of what the open frames count, so it never shrinks
//! while the expression it belongs to is still being read.

use crate::node::{MAX_DEPTH, Node};
use crate::path::JsonPath;

/// How deeply brackets and blocks may nest. Deeper programs could not fit the IR's
/// [`MAX_DEPTH`] anyway (each level of nesting is at least one level of IR).
pub const MAX_NESTING: usize = 200;

/// The largest bound on a syntax tree's depth that a scan accepts. Far above what lowers to
/// valid IR, so real programs never meet it (their operator chains are caught, precisely,
/// by the IR's depth limit), and far below what would exhaust a front-end's stack.
pub const MAX_CHAIN: usize = 5_000;

/// What a frame adds for the node its brackets make, and what a separator leaves counted
/// for the node the separated items make together (a tuple, plus a prefix such as `yield`
/// in `yield a, b` that applies to all of them).
const SLACK: usize = 2;

/// Which limit a token passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooDeep {
    /// Brackets and blocks nest deeper than [`MAX_NESTING`].
    Nesting,
    /// Operators, chains and nesting together could make a tree deeper than [`MAX_CHAIN`].
    Chain,
}

#[derive(Clone, Copy, Debug)]
struct Frame {
    /// What opened the frame (the front-end's own numbering; 0 is the whole source).
    kind: u8,
    /// Whether the frame counts towards [`MAX_NESTING`] (brackets and blocks do; a frame
    /// a front-end opens only to group tokens, such as a lambda's parameters, does not).
    nests: bool,
    /// Operator tokens read since the frame's last separator or boundary.
    ops: usize,
    /// Statements chained without brackets (`elif`, `elseif`) since the front-end last
    /// ended the chain.
    chain: usize,
    /// The deepest bound of a frame closed since the last separator or boundary, plus
    /// [`SLACK`].
    deepest: usize,
    /// The largest bound this frame has had.
    peak: usize,
}

impl Frame {
    fn new(kind: u8, nests: bool) -> Frame {
        Frame {
            kind,
            nests,
            ops: 0,
            chain: 0,
            deepest: 0,
            peak: 0,
        }
    }

    /// What this frame contributes to the bound while a frame inside it is open.
    fn carried(&self) -> usize {
        self.ops + self.chain + SLACK
    }

    fn current(&self) -> usize {
        self.ops + self.chain + self.deepest
    }
}

/// A running bound on the nesting of the tokens fed so far (see the module docs).
#[derive(Clone, Debug)]
pub struct Scan {
    /// Open frames; the first is the whole source and is never closed.
    frames: Vec<Frame>,
    /// The sum of [`Frame::carried`] over every frame but the innermost.
    outer: usize,
    /// How many open frames count towards [`MAX_NESTING`].
    nesting: usize,
    /// How many frames of each kind are open.
    open: [usize; 256],
}

impl Default for Scan {
    fn default() -> Scan {
        Scan::new()
    }
}

impl Scan {
    pub fn new() -> Scan {
        Scan {
            frames: vec![Frame::new(0, false)],
            outer: 0,
            nesting: 0,
            open: [0; 256],
        }
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    /// The kind of the innermost open frame (0 when none is open).
    pub fn top_kind(&self) -> u8 {
        self.frames.last().map_or(0, |f| f.kind)
    }

    /// How many brackets and blocks are open.
    pub fn nesting(&self) -> usize {
        self.nesting
    }

    /// Rechecks the bound after the innermost frame changed.
    fn check(&mut self) -> Result<(), TooDeep> {
        let outer = self.outer;
        let top = self.top();
        let current = top.current();
        top.peak = top.peak.max(current);
        if outer + current > MAX_CHAIN {
            Err(TooDeep::Chain)
        } else {
            Ok(())
        }
    }

    /// An opening bracket or the start of a block (`kind` names it for [`Scan::close`]).
    pub fn open(&mut self, kind: u8) -> Result<(), TooDeep> {
        self.push(kind, true)
    }

    /// A frame that only groups tokens, such as a lambda's parameter list, whose commas
    /// must not count as separators of the expression around it. It does not count
    /// towards [`MAX_NESTING`].
    pub fn open_group(&mut self, kind: u8) -> Result<(), TooDeep> {
        self.push(kind, false)
    }

    fn push(&mut self, kind: u8, nests: bool) -> Result<(), TooDeep> {
        self.outer += self.top().carried();
        self.frames.push(Frame::new(kind, nests));
        self.open[usize::from(kind)] += 1;
        if nests {
            self.nesting += 1;
            if self.nesting > MAX_NESTING {
                return Err(TooDeep::Nesting);
            }
        }
        self.check()
    }

    /// The closing bracket or end of block for the innermost open frame of `kind`, which
    /// closes every frame inside it too. A closer with no open frame of its kind (a syntax
    /// error the parser will report) closes nothing.
    pub fn close(&mut self, kind: u8) -> Result<(), TooDeep> {
        if self.open[usize::from(kind)] == 0 {
            return Ok(());
        }
        while self.frames.len() > 1 {
            let Some(frame) = self.frames.pop() else {
                break;
            };
            self.open[usize::from(frame.kind)] -= 1;
            if frame.nests {
                self.nesting -= 1;
            }
            let parent = self.top();
            parent.deepest = parent.deepest.max(frame.peak + SLACK);
            let carried = parent.carried();
            self.outer -= carried;
            if frame.kind == kind {
                break;
            }
        }
        self.check()
    }

    /// A token whose contents the parser parses as expressions of their own (an
    /// f-string's replacement fields), nesting at most `depth` levels: like a bracket
    /// opened and closed at once.
    pub fn group(&mut self, depth: usize) -> Result<(), TooDeep> {
        let top = self.top();
        top.deepest = top.deepest.max(depth.saturating_add(SLACK));
        self.check()
    }

    /// An operator: a token that can put one more level above what it applies to.
    pub fn op(&mut self) -> Result<(), TooDeep> {
        self.top().ops += 1;
        self.check()
    }

    /// One more statement in a chain that nests without brackets (`elif`).
    pub fn chain(&mut self) -> Result<(), TooDeep> {
        self.top().chain += 1;
        self.check()
    }

    /// The end of a chain of statements: the next statement does not nest in the last.
    pub fn end_chain(&mut self) {
        self.top().chain = 0;
    }

    /// A separator between sibling items (`,`).
    pub fn separator(&mut self) {
        let top = self.top();
        top.ops = SLACK;
        top.deepest = 0;
    }

    /// The end of a statement: the next one is its sibling.
    pub fn boundary(&mut self) {
        let top = self.top();
        top.ops = 0;
        top.deepest = 0;
    }

    /// Whether, fed the same tokens from here on, this scan always reaches a bound at least
    /// as high as `other` does: the same frames are open, and each counts at least as much.
    /// A front-end that follows two readings of one source (a `/` that may divide or start
    /// a regular expression) keeps only the scan that covers the other once they meet.
    pub fn covers(&self, other: &Scan) -> bool {
        self.frames.len() == other.frames.len()
            && self
                .frames
                .iter()
                .zip(&other.frames)
                .enumerate()
                .all(|(i, (a, b))| {
                    a.kind == b.kind
                    && a.nests == b.nests
                    && a.ops >= b.ops
                    && a.chain >= b.chain
                    && a.deepest >= b.deepest
                    // The whole source's frame is never closed, so its peak never counts.
                    && (i == 0 || a.peak >= b.peak)
                })
    }
}

/// The path of the first array in `node` nested deeper than the IR's [`MAX_DEPTH`] (the
/// node the validator would refuse), or `None` when `node` is within it. Looks no deeper
/// than the limit, so it is cheap on trees of any depth.
pub fn path_too_deep(node: &Node) -> Option<JsonPath> {
    let mut path = Vec::new();
    if beyond(node, 1, &mut path) {
        Some(JsonPath(path))
    } else {
        None
    }
}

/// Whether an array at or below `node`, which sits at `depth`, is deeper than the limit;
/// `path` is left at the first such array.
fn beyond(node: &Node, depth: usize, path: &mut Vec<crate::Seg>) -> bool {
    match node {
        Node::Array(items) => {
            if depth > MAX_DEPTH {
                return true;
            }
            for (i, item) in items.iter().enumerate() {
                path.push(crate::Seg::Index(i));
                if beyond(item, depth + 1, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        Node::Object(fields) => {
            if depth > MAX_DEPTH {
                return true;
            }
            for (key, value) in fields {
                path.push(crate::Seg::Key(key.clone()));
                if beyond(value, depth + 1, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `tokens` (one char each: `(` `)` open and close, `+` an operator, `,` a
    /// separator, `;` a boundary, `e` a chained statement, `.` the end of a chain, others
    /// atoms) and returns where the scan first refused, with why.
    fn scan(tokens: &str) -> Option<(usize, TooDeep)> {
        let mut s = Scan::new();
        for (i, c) in tokens.chars().enumerate() {
            let step = match c {
                '(' => s.open(1),
                ')' => s.close(1),
                '+' => s.op(),
                'e' => s.chain(),
                ',' => {
                    s.separator();
                    Ok(())
                }
                ';' => {
                    s.boundary();
                    Ok(())
                }
                '.' => {
                    s.end_chain();
                    Ok(())
                }
                _ => Ok(()),
            };
            if let Err(why) = step {
                return Some((i, why));
            }
        }
        None
    }

    #[test]
    fn brackets_nest_up_to_the_limit() {
        let ok = "(".repeat(MAX_NESTING) + &")".repeat(MAX_NESTING);
        assert_eq!(scan(&ok), None);
        let deep = "(".repeat(MAX_NESTING + 1);
        assert_eq!(scan(&deep), Some((MAX_NESTING, TooDeep::Nesting)));
        // Sibling brackets do not add up.
        assert_eq!(scan(&"(x),".repeat(100_000)), None);
    }

    #[test]
    fn operator_chains_are_bounded_and_separators_start_over() {
        let chain = "x+".repeat(MAX_CHAIN + 1);
        assert_eq!(scan(&chain).map(|(_, why)| why), Some(TooDeep::Chain));
        let list = "(".to_owned() + &"+x,".repeat(100_000) + ")";
        assert_eq!(scan(&list), None);
        let statements = "x+x;".repeat(100_000);
        assert_eq!(scan(&statements), None);
    }

    #[test]
    fn a_chain_that_continues_after_a_bracket_keeps_what_the_bracket_held() {
        // `(x + x + ...) + x + x + ...`: the bracket's depth and the chain after it add up.
        let half = "x+".repeat(MAX_CHAIN / 2 + 10);
        let nested = format!("({half}x){half}");
        assert_eq!(scan(&nested).map(|(_, why)| why), Some(TooDeep::Chain));
        // The same, nested through brackets many times over: the depths multiply.
        let part = "x+".repeat(MAX_CHAIN / 100);
        let deep = format!("{}{}", format!("({part}").repeat(150), ")".repeat(150));
        assert_eq!(scan(&deep).map(|(_, why)| why), Some(TooDeep::Chain));
    }

    #[test]
    fn chains_of_statements_count_until_ended() {
        let elifs = "e;".repeat(MAX_CHAIN + 1);
        assert_eq!(scan(&elifs).map(|(_, why)| why), Some(TooDeep::Chain));
        let ifs = "e;.".repeat(100_000);
        assert_eq!(scan(&ifs), None);
    }

    #[test]
    fn stray_closers_close_nothing() {
        let text = ")".repeat(1_000) + &"(".repeat(MAX_NESTING + 1);
        assert_eq!(
            scan(&text).map(|(_, why)| why),
            Some(TooDeep::Nesting),
            "closers with nothing open must not make room for more nesting"
        );
    }

    #[test]
    fn a_scan_covers_one_that_counted_less_in_the_same_frames() {
        let mut a = Scan::new();
        let mut b = Scan::new();
        for s in [&mut a, &mut b] {
            s.open(1).unwrap();
            s.op().unwrap();
        }
        a.op().unwrap();
        assert!(a.covers(&b) && !b.covers(&a));
        // Different frames open: neither covers the other.
        b.open(2).unwrap();
        assert!(!a.covers(&b) && !b.covers(&a));
        // What the outermost frame once reached no longer matters once it is reset.
        let mut c = Scan::new();
        let mut d = Scan::new();
        c.op().unwrap();
        c.boundary();
        d.boundary();
        assert!(c.covers(&d) && d.covers(&c));
    }

    #[test]
    fn path_too_deep_finds_the_first_array_past_the_limit() {
        let mut node = Node::Int(1);
        for _ in 0..MAX_DEPTH {
            node = Node::call("math.neg", [node]);
        }
        assert_eq!(path_too_deep(&node), None);
        let deeper = Node::call("std.seq", [Node::Null, Node::call("math.neg", [node])]);
        let path = path_too_deep(&deeper).expect("too deep");
        assert_eq!(path.0.len(), MAX_DEPTH);
        assert_eq!(path.0[0], crate::Seg::Index(2));
    }
}
