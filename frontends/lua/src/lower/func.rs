//! Functions: every Lua function becomes `["std.lambda", ["$args"], body]`, taking the
//! list of its arguments and returning the list of its results. Parameters are bound
//! from the list (missing ones are nil), `...` is the rest of the list, and a body that
//! falls off its end returns the empty list.

use full_moon::ast::{self, Parameter};
use weft_ir::Node;

use super::expr::text;
use super::{ARGS, FuncState, Lowerer, VARARG, let_, nth, seq, var};

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
        for (i, name) in names.iter().enumerate() {
            stmts.push(let_(name, nth(var(ARGS), i as i64)));
            self.declare(name);
        }
        if vararg {
            stmts.push(let_(
                VARARG,
                Node::call("list.slice", [var(ARGS), Node::Int(names.len() as i64)]),
            ));
        }
        stmts.extend(self.block_stmts(body.block()));
        if !matches!(body.block().last_stmt(), Some(ast::LastStmt::Return(_))) {
            stmts.push(Node::call("list.new", []));
        }
        self.pop_scope();
        self.funcs.pop();
        Node::call(
            "std.lambda",
            [Node::Array(vec![Node::str(ARGS)]), seq(stmts)],
        )
    }
}
