//! `require` and `package`: what a program that names `require` starts with.
//!
//! ```text
//! %package.loaded = {}; %package.preload = {}
//! %require = function (name)
//!   if %package.loaded[name] then return %package.loaded[name] end
//!   local loader = %package.preload[name]
//!   if loader == nil then error("module 'name' not found: ...", 0) end
//!   local r = loader(name, ":preload:")
//!   if r ~= nil then %package.loaded[name] = r end
//!   if %package.loaded[name] == nil then %package.loaded[name] = true end
//!   return %package.loaded[name]
//! end
//! %package.preload["pkg.mod"] = function (...) <the module's chunk> end
//! ```
//!
//! A module runs once, the first time it is required; a cycle sees what its partner has
//! put in `package.loaded` so far, as in Lua.

use weft_ir::Node;

use super::{Lowerer, let_, var};

pub(crate) const LOADED: &str = "%package.loaded";
pub(crate) const PRELOAD: &str = "%package.preload";
pub(crate) const REQUIRE: &str = "%require";

fn index(t: &str, k: Node) -> Node {
    Node::call("lua.index", [var(t), k])
}

fn store(t: &str, k: Node, v: Node) -> Node {
    Node::call("lua.setindex", [var(t), k, v])
}

fn new_table() -> Node {
    Node::call("lua.table", [Node::call("list.new", [])])
}

/// The tables and the `require` function.
pub(crate) fn prelude() -> Vec<Node> {
    let name = || var("$name");
    let loaded = || index(LOADED, name());
    // `pkg.mod` is looked for in `pkg/mod.lua`.
    let file = Node::call(
        "list.get",
        [
            Node::call(
                "lua.lib",
                [
                    Node::str("string.gsub"),
                    Node::call("list.new", [name(), Node::str("%."), Node::str("/")]),
                ],
            ),
            Node::Int(0),
        ],
    );
    let not_found = Node::call(
        "lua.concat",
        [
            Node::str("module '"),
            name(),
            Node::str("' not found:\n\tno field package.preload['"),
            name(),
            Node::str("']\n\tno file '"),
            file,
            Node::str(".lua'"),
        ],
    );
    let body = vec![
        Node::call(
            "std.if",
            [
                Node::call("lua.truthy", [loaded()]),
                Node::call("std.return", [loaded()]),
            ],
        ),
        let_("$loader", index(PRELOAD, name())),
        Node::call(
            "std.if",
            [
                Node::call("bool.eq", [var("$loader"), Node::Null]),
                Node::call(
                    "lua.lib",
                    [
                        Node::str("error"),
                        Node::call("list.new", [not_found, Node::Int(0)]),
                    ],
                ),
            ],
        ),
        let_(
            "$r",
            Node::call(
                "std.apply",
                [var("$loader"), name(), Node::str(":preload:")],
            ),
        ),
        Node::call(
            "std.if",
            [
                Node::call("bool.neq", [var("$r"), Node::Null]),
                store(LOADED, name(), var("$r")),
            ],
        ),
        Node::call(
            "std.if",
            [
                Node::call("bool.eq", [loaded(), Node::Null]),
                store(LOADED, name(), Node::Bool(true)),
            ],
        ),
        Node::call("std.return", [loaded()]),
    ];
    vec![
        let_(LOADED, new_table()),
        let_(PRELOAD, new_table()),
        let_(
            REQUIRE,
            Node::call(
                "std.lambda",
                [
                    Node::Array(vec![Node::str("$name")]),
                    Node::call("std.seq", body),
                ],
            ),
        ),
    ]
}

/// A loader that raises `message` (a module that does not compile).
pub(crate) fn failing_loader(message: String) -> Node {
    let fail = Node::call(
        "lua.lib",
        [
            Node::str("error"),
            Node::call("list.new", [Node::str(message), Node::Int(0)]),
        ],
    );
    Node::call("std.lambda", [Node::Array(vec![]), fail])
}

/// `package.preload[name] = loader`.
pub(crate) fn preload(name: &str, loader: Node) -> Node {
    store(PRELOAD, Node::str(name), loader)
}

impl Lowerer<'_> {
    /// `require` read as a value.
    pub(crate) fn require_function(&mut self) -> Node {
        var(REQUIRE)
    }
}
