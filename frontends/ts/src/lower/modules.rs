//! Modules: CommonJS (`require`, `exports`, `module.exports`) and ES `import`/`export`
//! inside one file of a multi-file program. The program itself is put together in
//! `crate::modules`; here a file learns what its `require('./x')` names and how its
//! imports and exports read and write the module's `exports` object.
//!
//! A `require` or `import` of a relative specifier (`./x`, `../lib/y`) is resolved against
//! the importing file's folder to a *module key*: the normalised path without a `.js` or
//! `.ts` extension. The key is what the program's `%require` function caches modules by,
//! so `./run` and `./run.js` are one module.
//! ES imports read the exporter's `exports` object when the import runs (not live
//! bindings): `import {a} from './m'` is `const a = require('./m').a`; exported function
//! declarations are stored in `exports` before the module's first statement, so a cycle
//! sees them as node does, and every other export after its last statement.

use swc_ecma_ast::{
    Decl, DefaultDecl, ExportSpecifier, ImportSpecifier, ModuleDecl, ModuleExportName, Stmt,
};
use weft_ir::Node;

use super::{Binding, Lowerer, call, let_, var};

/// The module being lowered.
#[derive(Debug, Default)]
pub(crate) struct ModuleCtx {
    /// The folder of the file, `/`-separated, without a trailing `/` (`""` for the cwd).
    pub(crate) dir: String,
    /// Module keys this file requires, in the order first seen, with where (the first
    /// time) and the specifier as written.
    pub(crate) requires: Vec<(String, std::ops::Range<usize>, String)>,
}

/// What an export statement makes visible: (exported name, local binding).
pub(crate) type Exported = Vec<(String, String)>;

/// The key of `spec` required from a file in `dir`; `None` for a bare specifier (a
/// package name), which Weft cannot load.
pub fn module_key(dir: &str, spec: &str) -> Option<String> {
    if !(spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/')) {
        return None;
    }
    let joined = if spec.starts_with('/') || dir.is_empty() {
        spec.to_owned()
    } else {
        format!("{dir}/{spec}")
    };
    let mut parts: Vec<&str> = Vec::new();
    let absolute = joined.starts_with('/');
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if matches!(parts.last(), None | Some(&"..")) {
                    if !absolute {
                        parts.push("..");
                    }
                } else {
                    parts.pop();
                }
            }
            p => parts.push(p),
        }
    }
    let mut key = parts.join("/");
    if absolute {
        key.insert(0, '/');
    }
    for ext in [".js", ".ts", ".mjs", ".cjs"] {
        if let Some(stem) = key.strip_suffix(ext) {
            key = stem.to_owned();
            break;
        }
    }
    Some(key)
}

impl Lowerer<'_> {
    /// `require(spec)` in a module: the call of the program's `%require` with the key.
    pub(crate) fn lower_require(&mut self, spec: &str, span: swc_common::Span) -> Node {
        let Some(ctx) = self.module.as_mut() else {
            return self.unsupported("`require` outside a multi-file program", span);
        };
        let Some(key) = module_key(&ctx.dir, spec) else {
            return self.unsupported(
                &format!("`require` of the package `{spec}` (only relative paths load)"),
                span,
            );
        };
        if !ctx.requires.iter().any(|(k, _, _)| *k == key) {
            let range = self.range(span);
            if let Some(ctx) = self.module.as_mut() {
                ctx.requires.push((key.clone(), range, spec.to_owned()));
            }
        }
        call("std.apply", [var("%require"), Node::str(&key)])
    }

    /// An `import`/`export` declaration: imports become bindings (pushed to `imports`),
    /// exports are recorded in `exported`; the declaration an export wraps is returned to
    /// be lowered in place.
    pub(crate) fn module_decl(
        &mut self,
        decl: &ModuleDecl,
        imports: &mut Vec<Node>,
        exported: &mut Exported,
    ) -> Option<Stmt> {
        let span = swc_common::Spanned::span(decl);
        let in_module = self.module.is_some();
        match decl {
            ModuleDecl::Import(i) if i.type_only => None,
            // Outside a multi-file program an import is accepted and ignored, as before.
            ModuleDecl::Import(_) if !in_module => None,
            ModuleDecl::Import(i) => {
                let m = self.lower_require(&i.src.value.to_string_lossy(), i.span);
                let t = self.temp("import");
                imports.push(let_(&t, m));
                for s in &i.specifiers {
                    let (local, value) = match s {
                        ImportSpecifier::Named(n) if n.is_type_only => continue,
                        ImportSpecifier::Named(n) => {
                            let imported = match &n.imported {
                                Some(name) => export_name(name),
                                None => n.local.sym.to_string(),
                            };
                            (
                                n.local.sym.to_string(),
                                call("js.get", [var(&t), Node::str(&imported)]),
                            )
                        }
                        ImportSpecifier::Default(d) => (
                            d.local.sym.to_string(),
                            call(
                                "bool.nullish",
                                [call("js.get", [var(&t), Node::str("default")]), var(&t)],
                            ),
                        ),
                        ImportSpecifier::Namespace(n) => (n.local.sym.to_string(), var(&t)),
                    };
                    self.declare(&local, Binding::Const);
                    imports.push(let_(&local, value));
                }
                None
            }
            ModuleDecl::ExportDecl(export) => {
                if in_module {
                    let mut names = Vec::new();
                    match &export.decl {
                        Decl::Fn(f) => names.push(f.ident.sym.to_string()),
                        Decl::Class(c) => names.push(c.ident.sym.to_string()),
                        Decl::Var(v) => {
                            for d in &v.decls {
                                super::pattern::names(&d.name, &mut names);
                            }
                        }
                        _ => {}
                    }
                    exported.extend(names.into_iter().map(|n| (n.clone(), n)));
                }
                Some(Stmt::Decl(export.decl.clone()))
            }
            ModuleDecl::ExportNamed(e) if e.type_only || !in_module => None,
            ModuleDecl::ExportNamed(e) => {
                let source = e.src.as_ref().map(|src| {
                    let m = self.lower_require(&src.value.to_string_lossy(), e.span);
                    let t = self.temp("reexport");
                    imports.push(let_(&t, m));
                    t
                });
                for s in &e.specifiers {
                    let ExportSpecifier::Named(n) = s else {
                        self.unsupported("this kind of export specifier", span);
                        continue;
                    };
                    if n.is_type_only {
                        continue;
                    }
                    let local = export_name(&n.orig);
                    let name = n.exported.as_ref().map_or(local.clone(), export_name);
                    match &source {
                        Some(t) => {
                            let v = self.temp("reexported");
                            imports.push(let_(&v, call("js.get", [var(t), Node::str(&local)])));
                            exported.push((name, v));
                        }
                        None => exported.push((name, local)),
                    }
                }
                None
            }
            ModuleDecl::ExportDefaultDecl(d) if in_module => match &d.decl {
                DefaultDecl::Class(c) => {
                    let name = match &c.ident {
                        Some(id) => id.sym.to_string(),
                        None => self.temp("default"),
                    };
                    let class = self.lower_class_decl(&name, &c.class);
                    imports.extend(class);
                    exported.push(("default".to_owned(), name));
                    None
                }
                DefaultDecl::Fn(f) => {
                    let name = match &f.ident {
                        Some(id) => id.sym.to_string(),
                        None => self.temp("default"),
                    };
                    self.declare(&name, Binding::Mutable);
                    let lambda = self.lower_function(&f.function);
                    imports.push(let_(&name, lambda));
                    exported.push(("default".to_owned(), name));
                    None
                }
                DefaultDecl::TsInterfaceDecl(_) => None,
            },
            ModuleDecl::TsNamespaceExport(_) => None,
            other => {
                let span = swc_common::Spanned::span(other);
                self.unsupported("this kind of module declaration", span);
                None
            }
        }
    }

    /// `exports.name = local` for each export, after the module's statements.
    pub(crate) fn export_assignments(&mut self, exported: &Exported) -> Vec<Node> {
        exported
            .iter()
            .map(|(name, local)| call("js.set", [var("exports"), Node::str(name), var(local)]))
            .collect()
    }
}

fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::Ident(id) => id.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}
