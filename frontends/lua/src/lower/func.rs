//! Functions: every Lua function becomes `["std.lambda", [params...], body]`, an
//! ordinary IR function that any opcode, host or other front-end can call with ordinary
//! arguments (missing ones are nil, extra ones dropped). `...` is the rest of the call's
//! arguments (`std.args` from the first one past the parameters). One result is an
//! ordinary `std.return`; none or several are `std.return_values`, whose first value is
//! what a caller that wants one value gets, and a body that falls off its end returns
//! no values.

use full_moon::ast::{self, Parameter};
use weft_ir::Node;

use super::expr::text;
use super::{FuncState, Lowerer, VARARG, let_, seq};

impl Lowerer<'_> {
    /// Lowers a function body; `method` adds the implicit `self` parameter.
    pub(crate) fn function(&mut self, body: &ast::FunctionBody, method: bool) -> Node {
        let mut names: Vec<String> = Vec::new();
        if method {
            names.push("self".into());
        }
        let mut vararg = false;
        for p in body.parameters() {
            match p {
                Parameter::Name(tok) => names.push(text(tok)),
                Parameter::Ellipsis(_) => vararg = true,
                _ => {}
            }
        }
        self.funcs.push(FuncState { vararg, loops: 0 });
        self.push_scope();
        let mut stmts = Vec::new();
        // A name given twice binds the later argument, as in Lua.
        let mut params = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if names[i + 1..].contains(name) {
                params.push(Node::str(self.temp("dup")));
            } else {
                params.push(Node::str(name.clone()));
            }
            self.declare(name);
        }
        if vararg {
            stmts.push(let_(
                VARARG,
                Node::call(
                    "list.slice",
                    [Node::call("std.args", []), Node::Int(names.len() as i64)],
                ),
            ));
        }
        stmts.extend(self.block_stmts(body.block()));
        if !matches!(body.block().last_stmt(), Some(ast::LastStmt::Return(_))) {
            stmts.push(no_values());
        }
        self.pop_scope();
        self.funcs.pop();
        Node::call("std.lambda", [Node::Array(params), seq(stmts)])
    }
}

/// `return` with no values.
pub(crate) fn no_values() -> Node {
    Node::call("std.return_values", [Node::call("list.new", [])])
}
