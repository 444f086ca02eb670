//! Multi-file programs: an entry file and every module it requires or imports, lowered
//! into one IR program.
//!
//! The front-end does no I/O: [`compile_program`] asks the caller's loader for each file
//! it needs (by path, trying `key.js`, `key.ts`, `key`, `key/index.js`, `key/index.ts`).
//! The program it builds keeps each module's body in a function of `module` and
//! `exports`, and a `%require` function that runs a module the first time it is required
//! and caches its `module` object, so a module runs once and a cycle sees the exports
//! its partner has set so far, as node does:
//!
//! ```text
//! %argv = std.args(); %defs = {}; %modules = {}
//! %require = (key) => cached ? cached.exports : run %defs[key](module, module.exports)
//! %defs["dir/a"] = (module, exports) => { ...a's statements... } ...
//! %require("dir/entry")
//! ```
//!
//! Source ranges of every module are offsets into the modules' texts laid end to end in
//! load order ([`ModuleFile::base`]), so one [`SourceMap`] and one list of diagnostics
//! cover every file; [`ModuleFile::find`] says which file a range falls in.

use std::ops::Range;

pub use weft_ir::modules::{Loader, ModuleErrors, ModuleFile, ModuleProgram};
use weft_ir::source_map::Marks;
use weft_ir::{Node, Registry};

use crate::lower::modules::{ModuleCtx, module_key};
use crate::lower::{call, let_, lower_unit, var};
use crate::{diagnostics, parse};
use weft_ir::modules::dir_of;

/// Whether a TypeScript/JavaScript file is a module of a multi-file program: it requires
/// or imports a relative path, or sets CommonJS exports. A file that is not compiles as a
/// single script, exactly as before modules existed.
pub fn uses_modules(source: &str) -> bool {
    source.contains("require(")
        || source.contains("module.exports")
        || source.contains("exports.")
        || [
            "from './",
            "from \"./",
            "from '../",
            "from \"../",
            "import './",
            "import \"./",
        ]
        .iter()
        .any(|p| source.contains(p))
}

/// Lowers the program whose entry is `entry_path` (with text `entry_text`), loading every
/// module it needs through `load`.
pub fn compile_program(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
) -> Result<ModuleProgram, ModuleErrors> {
    weft_ir::source::on_large_stack(crate::STACK_SIZE, || {
        build(entry_path, entry_text, registry, load)
    })
    .unwrap_or_else(|| {
        Err(ModuleErrors {
            files: Vec::new(),
            diagnostics: vec![diagnostics::internal()],
        })
    })
}

fn entry_key(path: &str) -> String {
    let spec = if path.starts_with('/') || path.starts_with("./") || path.starts_with("../") {
        path.to_owned()
    } else {
        format!("./{path}")
    };
    module_key("", &spec).unwrap_or_else(|| path.to_owned())
}

fn build(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
) -> Result<ModuleProgram, ModuleErrors> {
    let entry = entry_key(entry_path);
    let mut files: Vec<ModuleFile> = Vec::new();
    let mut diags = Vec::new();
    let mut marks = Marks::new();
    let mut defs = Vec::new();
    let mut base = 0;
    let mut collections = false;
    // (key, where it was first required and as what), in load order.
    let mut queue: Vec<(String, Option<Site>)> = vec![(entry.clone(), None)];
    let mut next = 0;
    while next < queue.len() {
        let (key, site) = queue[next].clone();
        next += 1;
        let loaded = if site.is_none() {
            Some((entry_path.to_owned(), entry_text.to_owned()))
        } else {
            candidates(&key)
                .into_iter()
                .find_map(|path| load(&path).map(|text| (path, text)))
        };
        let Some((path, text)) = loaded else {
            if let Some((range, spec)) = site {
                diags.push(diagnostics::module_not_found(&spec, range));
            }
            continue;
        };
        let program = match parse::parse(&text) {
            Ok(p) => Some(p),
            Err(ds) => {
                diags.extend(ds.into_iter().map(|mut d| {
                    d.span = d.span.start + base..d.span.end + base;
                    d
                }));
                None
            }
        };
        if let Some(program) = program {
            let ctx = ModuleCtx {
                dir: dir_of(&key).to_owned(),
                requires: Vec::new(),
            };
            let unit = lower_unit(&text, base, registry, &program, marks, Some(ctx), false);
            marks = unit.marks;
            collections |= unit.uses_collections;
            diags.extend(unit.diags);
            for (k, range, spec) in unit.requires {
                if !queue.iter().any(|(q, _)| *q == k) {
                    queue.push((k, Some((range, spec))));
                }
            }
            defs.push(call(
                "obj.set",
                [
                    var("%defs"),
                    Node::str(&key),
                    call(
                        "std.lambda",
                        [
                            Node::Array(vec![Node::str("module"), Node::str("exports")]),
                            unit.node,
                        ],
                    ),
                ],
            ));
        }
        let len = text.len();
        files.push(ModuleFile { path, text, base });
        base += len + 1;
    }
    if !diags.is_empty() {
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        return Err(ModuleErrors {
            files,
            diagnostics: diags,
        });
    }
    let key = var("%key");
    let cached = call("obj.get", [var("%modules"), key.clone()]);
    let require = call(
        "std.lambda",
        [
            Node::Array(vec![Node::str("%key")]),
            call(
                "std.seq",
                [
                    call(
                        "std.if",
                        [
                            call("obj.has", [var("%modules"), key.clone()]),
                            call(
                                "std.return",
                                [call("js.get", [cached, Node::str("exports")])],
                            ),
                        ],
                    ),
                    let_(
                        "%m",
                        call(
                            "obj.new",
                            [Node::Array(vec![Node::str("exports"), call("obj.new", [])])],
                        ),
                    ),
                    call("obj.set", [var("%modules"), key.clone(), var("%m")]),
                    call(
                        "std.apply",
                        [
                            call("obj.get", [var("%defs"), key]),
                            var("%m"),
                            call("js.get", [var("%m"), Node::str("exports")]),
                        ],
                    ),
                    call("js.get", [var("%m"), Node::str("exports")]),
                ],
            ),
        ],
    );
    let mut body = Vec::new();
    if collections {
        body.extend(crate::lower::collections_prelude());
    }
    body.extend([
        let_("%argv", call("std.args", [])),
        let_("%defs", call("obj.new", [])),
        let_("%modules", call("obj.new", [])),
        let_("%require", require),
    ]);
    body.extend(defs);
    body.push(call("std.apply", [var("%require"), Node::str(&entry)]));
    body.push(Node::Null);
    let (node, map) = marks.finish(call("std.seq", body));
    if let Some(path) = weft_ir::nesting::path_too_deep(&node) {
        let at = map.span_of(&path).unwrap_or(0..0);
        return Err(ModuleErrors {
            files,
            diagnostics: vec![diagnostics::nesting_too_deep(at)],
        });
    }
    Ok(ModuleProgram { node, map, files })
}

/// Where a module was first required, and the specifier as written.
type Site = (Range<usize>, String);

/// The paths a module key may be stored at, in the order they are tried.
fn candidates(key: &str) -> Vec<String> {
    vec![
        format!("{key}.js"),
        format!("{key}.ts"),
        format!("{key}.mjs"),
        format!("{key}.cjs"),
        key.to_owned(),
        format!("{key}/index.js"),
        format!("{key}/index.ts"),
    ]
}
