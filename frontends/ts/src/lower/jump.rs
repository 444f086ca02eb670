//! Jumps and `finally`: `break`, `continue` and `return`, and `try`/`catch`/`finally`.
//!
//! A jump that leaves a `try` (or `catch`) block with a `finally` cannot be the plain IR
//! jump, which would skip the `finally` body. Instead the protected statements run inside a
//! loop that runs once; the jump stores its kind (and a return value) in variables of that
//! `try` and breaks out of the loop; the `finally` body runs; then the stored jump is
//! performed from there, which may pass through the next enclosing `finally` the same way.
//! A `return` inside loops (or a `switch`) within the `try` breaks out of each of them in
//! turn: after such a loop the lowering adds "break again while the kind is set". No
//! exception is thrown for a jump, so a `catch` in between never sees one.

use swc_ecma_ast::TryStmt;
use weft_ir::Node;

use super::{Binding, Jump, JumpKind, Lowerer, call, let_, set, var};

impl JumpKind {
    /// The name stored in a `finally`'s kind variable.
    fn name(self) -> &'static str {
        match self {
            JumpKind::Break => "break",
            JumpKind::Continue => "continue",
            JumpKind::Return => "return",
        }
    }
}

impl Lowerer<'_> {
    /// `break`, `continue` or `return value` from the current position.
    pub(crate) fn lower_jump(&mut self, kind: JumpKind, value: Node) -> Node {
        let mut target = None;
        for (i, jump) in self.jumps.iter().enumerate().rev() {
            match jump {
                Jump::Finally { .. } => {
                    target = Some(i);
                    break;
                }
                Jump::Loop { .. } | Jump::Switch { .. } if kind != JumpKind::Return => break,
                _ => {}
            }
        }
        if let Some(i) = target {
            return self.jump_through_finally(i, kind, value);
        }
        match kind {
            JumpKind::Return => call("std.return", [value]),
            JumpKind::Break => call("std.break", []),
            JumpKind::Continue => match self.jumps.last_mut() {
                // `continue` inside a `switch`: leave it, and continue after it.
                Some(Jump::Switch { flag, used, .. }) => {
                    *used = true;
                    let flag = flag.clone();
                    call(
                        "std.seq",
                        [set(&flag, Node::Bool(true)), call("std.break", [])],
                    )
                }
                _ => call("std.continue", []),
            },
        }
    }

    /// A jump that leaves the `try` of `self.jumps[index]`: record it there, mark the loops
    /// it leaves on the way, and break out.
    fn jump_through_finally(&mut self, index: usize, kind: JumpKind, value: Node) -> Node {
        let Some(Jump::Finally {
            kind: kind_var,
            value: value_var,
            kinds,
        }) = self.jumps.get_mut(index)
        else {
            return Node::Null;
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        let (kind_var, value_var) = (kind_var.clone(), value_var.clone());
        for jump in &mut self.jumps[index + 1..] {
            if let Jump::Loop { exit } | Jump::Switch { exit, .. } = jump {
                *exit = Some(kind_var.clone());
            }
        }
        let mut out = Vec::new();
        if kind == JumpKind::Return {
            out.push(set(&value_var, value));
        }
        out.push(set(&kind_var, Node::str(kind.name())));
        out.push(call("std.break", []));
        call("std.seq", out)
    }

    /// Runs `lower` with a loop (or `switch`, when `jump` is one) as the innermost jump
    /// target; returns what it lowered and the loop's `exit`.
    pub(crate) fn in_jump_target<T>(
        &mut self,
        jump: Jump,
        lower: impl FnOnce(&mut Self) -> T,
    ) -> (T, Jump) {
        self.jumps.push(jump);
        let out = lower(self);
        let jump = self.jumps.pop().unwrap_or(Jump::Loop { exit: None });
        (out, jump)
    }

    /// The loop node followed, when a `return` inside left it for a `finally`, by a break
    /// out of the enclosing loop while that return is under way.
    pub(crate) fn after_loop(loop_node: Node, exit: Option<String>) -> Node {
        match exit {
            None => loop_node,
            Some(kind) => call(
                "std.seq",
                [
                    loop_node,
                    call(
                        "std.if",
                        [
                            call("bool.neq", [var(&kind), Node::Null]),
                            call("std.break", []),
                        ],
                    ),
                ],
            ),
        }
    }

    /// `try`/`catch`/`finally` on `std.try_error`. With a `finally`, every error (of the
    /// `try` or the `catch`) is caught and kept while the `finally` body runs, then thrown
    /// again; a jump out of the protected statements is performed after the body (see the
    /// module comment). A jump in the `finally` body itself is an ordinary one, so it
    /// overrides the pending error or jump, as in JavaScript.
    pub(crate) fn lower_try(&mut self, t: &TryStmt) -> Node {
        let Some(fin) = &t.finalizer else {
            return self.lower_try_catch(t);
        };
        let kind = self.temp("jump");
        let value = self.temp("result");
        let finally = Jump::Finally {
            kind: kind.clone(),
            value: value.clone(),
            kinds: Vec::new(),
        };
        let (protected, finally) = self.in_jump_target(finally, |l| l.lower_try_catch(t));
        let kinds = match finally {
            Jump::Finally { kinds, .. } => kinds,
            _ => Vec::new(),
        };
        let err = self.temp("error");
        let pending = self.temp("pending");
        let mut out = Vec::new();
        let guarded = if kinds.is_empty() {
            protected
        } else {
            out.push(let_(&kind, Node::Null));
            if kinds.contains(&JumpKind::Return) {
                out.push(let_(&value, Node::Null));
            }
            call(
                "std.while",
                [
                    Node::Bool(true),
                    call("std.seq", [protected, call("std.break", [])]),
                ],
            )
        };
        out.push(let_(&pending, Node::Null));
        out.push(call(
            "std.try_error",
            [guarded, Node::str(&err), set(&pending, var(&err))],
        ));
        out.push(self.lower_block(fin));
        out.push(call(
            "std.if",
            [
                call("bool.neq", [var(&pending), Node::Null]),
                call("std.throw", [call("js.caught", [var(&pending)])]),
            ],
        ));
        let mut dispatch: Option<Node> = None;
        for k in kinds.iter().rev() {
            let v = if *k == JumpKind::Return {
                var(&value)
            } else {
                Node::Null
            };
            let jump = self.lower_jump(*k, v);
            let test = call("bool.eq", [var(&kind), Node::str(k.name())]);
            dispatch = Some(match dispatch {
                None => call("std.if", [test, jump]),
                Some(rest) => call("std.if", [test, jump, rest]),
            });
        }
        out.extend(dispatch);
        call("std.seq", out)
    }

    /// The `try` block and its `catch` handler, if any.
    fn lower_try_catch(&mut self, t: &TryStmt) -> Node {
        let body = self.lower_block(&t.block);
        let Some(handler) = &t.handler else {
            return body;
        };
        let err = self.temp("error");
        self.push_scope();
        let mut h = Vec::new();
        if let Some(param) = &handler.param {
            let caught = call("js.caught", [var(&err)]);
            h.extend(self.bind_pattern(param, caught, Some(Binding::Mutable)));
        }
        h.push(self.lower_block(&handler.body));
        self.pop_scope();
        call("std.try_error", [body, Node::str(&err), call("std.seq", h)])
    }
}
