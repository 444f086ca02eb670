//! Where in the source each part of a front-end's IR came from.
//!
//! Runtime errors name the IR node that failed by its path (`$[2][1][3]`). For a script
//! written in TypeScript, Lua or Python that path means nothing to its author; a
//! [`SourceMap`] turns it back into a byte range of the source: the innermost statement or
//! expression the front-end recorded around the failing node.
//!
//! Front-ends build the map while lowering, without knowing where a node will end up in
//! the final tree: [`Marks::mark`] wraps a lowered node in a temporary marker that holds
//! its span, and [`Marks::finish`] removes every marker from the finished tree and
//! records the path each one sat at. Markers never leave the front-end, so the IR is the
//! same with or without a map. Code in a front-end that looks at the shape of a node it
//! lowered earlier sees through markers with [`peel`].

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use crate::{JsonPath, Node, Seg};

/// The head of a marker node: `[MARK, tag, index, node]`.
const MARK: &str = "\u{0}weft.span";

/// Byte ranges of the source text by IR path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    spans: HashMap<JsonPath, Range<usize>>,
}

impl SourceMap {
    /// The source range of the innermost recorded node at or around `path`: the node
    /// itself, or the nearest ancestor that has one. `None` when nothing on the way from
    /// the root was recorded (code the front-end generated around the whole program).
    ///
    /// ```
    /// use weft_ir::{JsonPath, Node, source_map::Marks};
    /// let mut marks = Marks::new();
    /// let add = marks.mark(4..9, Node::call("math.add", [Node::Int(1), Node::Int(2)]));
    /// let (tree, map) = marks.finish(Node::call("std.seq", [add]));
    /// assert_eq!(tree.to_json(), r#"["std.seq",["math.add",1,2]]"#);
    /// let inside = JsonPath::root().index(1).index(2);
    /// assert_eq!(map.span_of(&inside), Some(4..9));
    /// assert_eq!(map.span_of(&JsonPath::root()), None);
    /// ```
    pub fn span_of(&self, path: &JsonPath) -> Option<Range<usize>> {
        (0..=path.0.len())
            .rev()
            .find_map(|n| self.spans.get(&JsonPath(path.0[..n].to_vec())))
            .cloned()
    }

    /// How many nodes have a recorded range.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The part of the map whose ranges lie within `range`, shifted to start at 0: one
    /// file's map out of a program whose files' texts were laid end to end.
    pub fn restricted(&self, range: Range<usize>) -> SourceMap {
        let spans = self
            .spans
            .iter()
            .filter(|(_, r)| r.start >= range.start && r.end <= range.end)
            .map(|(p, r)| (p.clone(), r.start - range.start..r.end - range.start))
            .collect();
        SourceMap { spans }
    }

    /// Every recorded path and range, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&JsonPath, &Range<usize>)> {
        self.spans.iter()
    }
}

/// Spans being recorded while a front-end lowers one program.
#[derive(Debug)]
pub struct Marks {
    /// Random per lowering, so that no array in the program's own data (an object's
    /// key-value pair, say) can pass for one of this lowering's markers.
    tag: i64,
    spans: Vec<Range<usize>>,
}

impl Default for Marks {
    fn default() -> Marks {
        Marks::new()
    }
}

impl Marks {
    pub fn new() -> Marks {
        let keys = std::collections::hash_map::RandomState::new();
        Marks {
            tag: keys.build_hasher().finish() as i64,
            spans: Vec::new(),
        }
    }

    /// `node`, recorded as coming from `span` of the source. Only calls are recorded
    /// (literals cannot fail); anything else comes back unchanged.
    pub fn mark(&mut self, span: Range<usize>, node: Node) -> Node {
        if node.head().is_none() {
            return node;
        }
        let index = self.spans.len() as i64;
        self.spans.push(span);
        Node::Array(vec![
            Node::str(MARK),
            Node::Int(self.tag),
            Node::Int(index),
            node,
        ])
    }

    /// Marks every node of `nodes` (the IR of one statement) as coming from `span`.
    pub fn mark_each(&mut self, span: Range<usize>, nodes: &mut [Node]) {
        for node in nodes {
            *node = self.mark(span.clone(), std::mem::replace(node, Node::Null));
        }
    }

    /// `tree` with this lowering's markers removed, and the path each marked node ended
    /// up at. Where markers nest (a statement that is one expression), the innermost
    /// range is kept. A marked node the front-end copied is recorded at every copy.
    pub fn finish(self, mut tree: Node) -> (Node, SourceMap) {
        let mut map = SourceMap::default();
        let mut path = Vec::new();
        self.strip(&mut tree, &mut path, &mut map);
        (tree, map)
    }

    fn strip(&self, node: &mut Node, path: &mut Vec<Seg>, map: &mut SourceMap) {
        while let Some(index) = self.own_marker(node) {
            let inner = match node {
                Node::Array(items) => items.pop().unwrap_or(Node::Null),
                _ => Node::Null,
            };
            if let Some(span) = self.spans.get(index) {
                map.spans.insert(JsonPath(path.clone()), span.clone());
            }
            *node = inner;
        }
        match node {
            Node::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(Seg::Index(i));
                    self.strip(item, path, map);
                    path.pop();
                }
            }
            Node::Object(fields) => {
                for (key, value) in fields.iter_mut() {
                    path.push(Seg::Key(key.clone()));
                    self.strip(value, path, map);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// The span index of `node` if it is one of this lowering's markers.
    fn own_marker(&self, node: &Node) -> Option<usize> {
        match marker_parts(node)? {
            (tag, index, _) if tag == self.tag => usize::try_from(index).ok(),
            _ => None,
        }
    }
}

fn marker_parts(node: &Node) -> Option<(i64, i64, &Node)> {
    match node {
        Node::Array(items) => match items.as_slice() {
            [Node::Str(head), Node::Int(tag), Node::Int(index), inner] if head == MARK => {
                Some((*tag, *index, inner))
            }
            _ => None,
        },
        _ => None,
    }
}

/// `node` with any markers around it looked through: what a front-end inspecting a node
/// it lowered earlier (is it a `std.let`? a string?) must look at.
///
/// ```
/// use weft_ir::{Node, source_map::{Marks, peel}};
/// let mut marks = Marks::new();
/// let node = marks.mark(0..3, Node::call("std.let", [Node::str("x"), Node::Int(1)]));
/// assert_eq!(node.head(), Some("\u{0}weft.span"));
/// assert_eq!(peel(&node).head(), Some("std.let"));
/// ```
pub fn peel(mut node: &Node) -> &Node {
    while let Some((_, _, inner)) = marker_parts(node) {
        node = inner;
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(op: &str, args: Vec<Node>) -> Node {
        Node::call(op, args)
    }

    #[test]
    fn markers_vanish_and_the_innermost_span_wins() {
        let mut m = Marks::new();
        let inner = m.mark(10..15, call("str.upper", vec![Node::Int(5)]));
        let stmt = m.mark(2..20, call("std.log", vec![inner]));
        let other = m.mark(21..30, call("std.log", vec![Node::Int(1)]));
        let copy = other.clone();
        let tree = call("std.seq", vec![stmt, Node::Int(0), other, copy]);
        let (tree, map) = m.finish(tree);
        assert_eq!(
            tree.to_json(),
            r#"["std.seq",["std.log",["str.upper",5]],0,["std.log",1],["std.log",1]]"#
        );
        let at = |p: &[usize]| JsonPath(p.iter().map(|&i| Seg::Index(i)).collect());
        assert_eq!(map.span_of(&at(&[1])), Some(2..20));
        assert_eq!(map.span_of(&at(&[1, 1])), Some(10..15));
        assert_eq!(map.span_of(&at(&[1, 1, 1])), Some(10..15));
        assert_eq!(map.span_of(&at(&[1, 0])), Some(2..20));
        assert_eq!(map.span_of(&at(&[2])), None);
        assert_eq!(map.span_of(&at(&[3, 1])), Some(21..30));
        assert_eq!(
            map.span_of(&at(&[4])),
            Some(21..30),
            "copies are recorded too"
        );
        assert_eq!(map.len(), 4);
    }

    #[test]
    fn a_marker_from_another_lowering_is_left_as_data() {
        let mut other = Marks::new();
        let forged = other.mark(0..1, call("std.log", vec![]));
        let mut m = Marks::new();
        let tree = m.mark(0..5, call("list.new", vec![forged.clone()]));
        let (tree, map) = m.finish(tree);
        assert_eq!(tree, call("list.new", vec![forged]));
        assert_eq!(map.len(), 1);
    }

    #[test]
    fn literals_are_not_marked_and_peel_sees_through_nesting() {
        let mut m = Marks::new();
        assert_eq!(m.mark(0..1, Node::Int(3)), Node::Int(3));
        let var = m.mark(2..3, call("std.var", vec![Node::str("x")]));
        let twice = m.mark(0..9, var);
        assert_eq!(peel(&twice).head(), Some("std.var"));
        let mut stmt = vec![twice, Node::Int(1)];
        m.mark_each(0..9, &mut stmt);
        assert_eq!(stmt[1], Node::Int(1));
        let (tree, map) = m.finish(Node::call("std.seq", stmt));
        assert_eq!(tree.to_json(), r#"["std.seq",["std.var","x"],1]"#);
        let first = JsonPath::root().index(1);
        assert_eq!(map.span_of(&first.index(1)), Some(2..3));
        assert_eq!(map.span_of(&first), Some(2..3), "the innermost range wins");
    }
}
