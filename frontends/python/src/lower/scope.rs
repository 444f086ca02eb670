//! Which names a function body assigns (its locals), which it declares `global` or
//! `nonlocal`, and which functions it defines: one walk over the statements that does not
//! enter nested functions, lambdas or comprehensions.

use rustpython_parser::ast;

#[derive(Default)]
pub(crate) struct Names<'a> {
    pub assigned: Vec<String>,
    pub globals: Vec<String>,
    pub nonlocals: Vec<String>,
    pub defs: Vec<&'a ast::StmtFunctionDef>,
}

impl Names<'_> {
    fn add(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_owned());
        }
    }

    fn target(&mut self, target: &ast::Expr) {
        match target {
            ast::Expr::Name(n) => self.add(&n.id),
            ast::Expr::Tuple(t) => t.elts.iter().for_each(|e| self.target(e)),
            ast::Expr::List(l) => l.elts.iter().for_each(|e| self.target(e)),
            ast::Expr::Starred(s) => self.target(&s.value),
            _ => {}
        }
    }
}

pub(crate) fn collect(body: &[ast::Stmt]) -> Names<'_> {
    let mut names = Names::default();
    walk(body, &mut names);
    names
}

fn walk<'a>(body: &'a [ast::Stmt], names: &mut Names<'a>) {
    for stmt in body {
        match stmt {
            ast::Stmt::FunctionDef(f) => {
                names.add(&f.name);
                names.defs.push(f);
            }
            ast::Stmt::ClassDef(c) => names.add(&c.name),
            ast::Stmt::Assign(a) => a.targets.iter().for_each(|t| names.target(t)),
            ast::Stmt::AugAssign(a) => names.target(&a.target),
            ast::Stmt::AnnAssign(a) => names.target(&a.target),
            ast::Stmt::For(f) => {
                names.target(&f.target);
                walk(&f.body, names);
                walk(&f.orelse, names);
            }
            ast::Stmt::While(w) => {
                walk(&w.body, names);
                walk(&w.orelse, names);
            }
            ast::Stmt::If(i) => {
                walk(&i.body, names);
                walk(&i.orelse, names);
            }
            ast::Stmt::Try(t) => {
                walk(&t.body, names);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(n) = &h.name {
                        names.add(n);
                    }
                    walk(&h.body, names);
                }
                walk(&t.orelse, names);
                walk(&t.finalbody, names);
            }
            // `import a.b` binds `a`; the SDK and the modules Weft provides bind nothing
            // (their names are read as namespaces).
            ast::Stmt::Import(i) => {
                for alias in &i.names {
                    let top = alias.name.split('.').next().unwrap_or_default();
                    match &alias.asname {
                        Some(a) => names.add(a),
                        None if top == "weft" || super::imports::is_builtin_module(top) => {}
                        None => names.add(top),
                    }
                }
            }
            ast::Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map_or("", |m| m.as_str());
                if module != "weft" && !module.starts_with("weft.") {
                    for alias in &i.names {
                        names.add(alias.asname.as_ref().unwrap_or(&alias.name));
                    }
                }
            }
            ast::Stmt::Global(g) => names.globals.extend(g.names.iter().map(|n| n.to_string())),
            ast::Stmt::Nonlocal(n) => names
                .nonlocals
                .extend(n.names.iter().map(|n| n.to_string())),
            _ => {}
        }
    }
}
