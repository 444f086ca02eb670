//! Multi-file programs: an entry script and the modules it imports, lowered into one IR
//! program (see `lower::imports` for `%import`).
//!
//! The front-end does no I/O: [`compile_program`] asks the caller's loader for each file.
//! Module `pkg.mod` is `pkg/mod.py`, or the package `pkg/mod/__init__.py`, next to the
//! entry script; importing `pkg.mod` runs `pkg` first. Every module an `import` names is
//! compiled in; one that is not there is a compile error at the import. A module imported
//! by a name computed at run time (`__import__(name)`) may be any file the host lists as
//! importable.

use weft_ir::modules::{Loader, ModuleErrors, ModuleFile, ModuleProgram, dir_of};
use weft_ir::source_map::Marks;
use weft_ir::{Node, Registry, SourceDiagnostic};

use crate::lower::{self, call, imports, var};
use crate::{diagnostics, parse};

/// Lowers the program whose entry is `entry_path` (with text `entry_text`), loading the
/// modules it imports through `load`. `importable` lists the paths (relative to the
/// entry's folder, such as `util.py` or `pkg/__init__.py`) an import by a computed name
/// may load.
pub fn compile_program(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
    importable: &[String],
) -> Result<ModuleProgram, ModuleErrors> {
    weft_ir::source::on_large_stack(crate::STACK_SIZE, || {
        build(entry_path, entry_text, registry, load, importable)
    })
    .unwrap_or_else(|| {
        Err(ModuleErrors {
            files: Vec::new(),
            diagnostics: vec![diagnostics::internal()],
        })
    })
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_owned()
    } else {
        format!("{dir}/{rel}")
    }
}

/// The module name of an importable file (`pkg/__init__.py` is `pkg`).
fn module_name(rel: &str) -> Option<String> {
    let stem = rel.strip_suffix(".py")?;
    let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
    (!stem.is_empty() && !stem.contains('.')).then(|| stem.replace('/', "."))
}

/// A module to load: its name, where it was first imported, and (for one offered for
/// computed names) its path and text.
type Queued = (
    String,
    Option<std::ops::Range<usize>>,
    Option<(String, String)>,
);

fn build(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
    importable: &[String],
) -> Result<ModuleProgram, ModuleErrors> {
    let dir = dir_of(entry_path).to_owned();
    let mut files: Vec<ModuleFile> = Vec::new();
    let mut diags: Vec<SourceDiagnostic> = Vec::new();
    let mut marks = Marks::new();
    let mut loaders = Vec::new();
    let mut uses_enum = false;
    let mut base = 0;
    let mut main = Node::Null;
    let mut queue: Vec<Queued> = vec![(String::new(), None, None)];
    let mut seen: Vec<String> = Vec::new();
    let mut dynamic_added = false;
    let mut next = 0;
    while next < queue.len() {
        let (name, site, read) = queue[next].clone();
        next += 1;
        let is_entry = next == 1;
        let found = if is_entry {
            Some((entry_path.to_owned(), entry_text.to_owned(), false))
        } else if let Some((p, t)) = read {
            Some((p, t, false))
        } else {
            let rel = name.replace('.', "/");
            [format!("{rel}.py"), format!("{rel}/__init__.py")]
                .into_iter()
                .find_map(|r| {
                    let p = join(&dir, &r);
                    load(&p).map(|t| (p, t, r.ends_with("__init__.py")))
                })
        };
        let Some((path, text, is_package)) = found else {
            if let Some(at) = site {
                diags.push(diagnostics::module_not_found(at, &name));
            }
            continue;
        };
        let file_base = base;
        base += text.len() + 1;
        files.push(ModuleFile {
            path,
            text,
            base: file_base,
        });
        let text = &files[files.len() - 1].text;
        let suite = match parse::parse_at(text, file_base) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        // The package relative imports in this module start from.
        let package = if is_package {
            name.clone()
        } else {
            name.rsplit_once('.')
                .map_or(String::new(), |(p, _)| p.to_owned())
        };
        let unit = lower::lower_unit(text, registry, &suite, marks, Some(&package));
        marks = unit.marks;
        diags.extend(unit.diags);
        uses_enum |= unit.uses_enum;
        for (m, at, optional) in unit.imported {
            // `import a.b.c` needs `a`, `a.b` and `a.b.c`; `from m import x` may name an
            // attribute of `m` rather than a module, so a missing `m.x` is no error.
            let parts: Vec<&str> = m.split('.').collect();
            for n in 1..=parts.len() {
                let prefix = parts[..n].join(".");
                if !seen.contains(&prefix) && !imports::is_builtin_module(parts[0]) {
                    seen.push(prefix.clone());
                    let required = !(optional && n == parts.len());
                    queue.push((prefix, required.then(|| at.clone()), None));
                }
            }
        }
        if unit.dynamic_import && !dynamic_added {
            dynamic_added = true;
            for rel in importable {
                let Some(m) = module_name(rel) else { continue };
                let p = join(&dir, rel);
                if seen.contains(&m) || p == entry_path {
                    continue;
                }
                if let Some(t) = load(&p) {
                    seen.push(m.clone());
                    queue.push((m, None, Some((p, t))));
                }
            }
        }
        if is_entry {
            main = unit.node;
        } else {
            loaders.push(loader(&name, unit.node, &unit.globals));
        }
    }
    if !diags.is_empty() {
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        return Err(ModuleErrors {
            files,
            diagnostics: diags,
        });
    }
    let mut body = vec![lower::class::constructor()];
    if uses_enum {
        body.push(imports::enum_class());
    }
    body.extend(imports::prelude(entry_path));
    body.extend(loaders);
    body.push(main);
    let (node, map) = marks.finish(call("std.seq", body));
    if let Some(p) = weft_ir::nesting::path_too_deep(&node) {
        let at = map.span_of(&p).unwrap_or(0..0);
        return Err(ModuleErrors {
            files,
            diagnostics: vec![diagnostics::nesting_too_deep(at)],
        });
    }
    Ok(ModuleProgram { node, map, files })
}

/// `%loaders[name] = lambda m: <the module's body; its names set on m>`.
fn loader(name: &str, mut body: Node, globals: &[String]) -> Node {
    if let Node::Array(items) = &mut body {
        // At the end of the body, inside its scope.
        if items.last() == Some(&Node::Null) {
            items.pop();
        }
        items.extend(globals.iter().map(|g| {
            call(
                "py.setattr",
                [var("$module"), Node::str(g.as_str()), var(g)],
            )
        }));
        items.push(Node::Null);
    }
    call(
        "obj.set",
        [
            var(imports::LOADERS),
            Node::str(name),
            call(
                "std.lambda",
                [Node::Array(vec![Node::str("$module")]), body],
            ),
        ],
    )
}
