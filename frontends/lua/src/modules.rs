//! Multi-file programs: an entry script and the modules it requires, lowered into one
//! IR program (see `lower::modules` for what `require` does at run time).
//!
//! The front-end does no I/O: [`compile_program`] asks the caller's loader for each file.
//! A module name `pkg.mod` is looked for in `pkg/mod.lua`, then `pkg/mod/init.lua`, next
//! to the entry script. Every module named by a literal `require "name"` anywhere in the
//! program is compiled in (a missing one is an error only when it is required at run
//! time, as in Lua, so `pcall(require, "optional")` works). When a module is required
//! by a name computed at run time (`require(name)`, or `require` passed as a value),
//! every file the host lists as requirable is compiled in as well; one of those that
//! does not compile raises its error when it is required.

use full_moon::ast::{self, Ast, Expression, FunctionArgs, Prefix, Suffix};
use full_moon::visitors::Visitor;
use weft_ir::modules::{Loader, ModuleErrors, ModuleFile, ModuleProgram, dir_of};
use weft_ir::{Registry, SourceDiagnostic};

use crate::lower::{Broken, Unit, lower_units};
use crate::{diagnostics, parse};

/// Lowers the program whose entry is `entry_path` (with text `entry_text`), loading the
/// modules it requires through `load`. `requirable` lists the paths (relative to the
/// entry's folder, such as `util.lua` or `shapes/init.lua`) of the files a `require` by
/// a computed name may load.
pub fn compile_program(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
    requirable: &[String],
) -> Result<ModuleProgram, ModuleErrors> {
    weft_ir::source::on_large_stack(crate::STACK_BYTES, || {
        build(entry_path, entry_text, registry, load, requirable)
    })
    .unwrap_or_else(|| {
        Err(ModuleErrors {
            files: Vec::new(),
            diagnostics: vec![diagnostics::internal(0..1)],
        })
    })
}

/// A parsed file of the program: which of the files read, its syntax tree, its module
/// name (`None` for the entry), and whether it is only offered for computed names.
struct Parsed {
    file: usize,
    ast: Ast,
    name: Option<String>,
    optional: bool,
}

/// The path of a module file: `./rel` beside an entry in the current folder, which is
/// also the name lua5.4 gives a module it finds through `./?.lua`.
fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        format!("./{rel}")
    } else {
        format!("{dir}/{rel}")
    }
}

/// The module name a requirable file is loaded by (`shapes/init.lua` is `shapes`).
fn module_name(rel: &str) -> Option<String> {
    let stem = rel.strip_suffix(".lua")?;
    let stem = stem.strip_suffix("/init").unwrap_or(stem);
    if stem.is_empty() || stem.contains('.') {
        return None;
    }
    Some(stem.replace('/', "."))
}

/// A file to compile: its module name (`None` for the entry), and its path and text when
/// already read.
type Queued = (Option<String>, Option<(String, String)>);

fn build(
    entry_path: &str,
    entry_text: &str,
    registry: &Registry,
    load: &mut Loader<'_>,
    requirable: &[String],
) -> Result<ModuleProgram, ModuleErrors> {
    let dir = dir_of(entry_path).to_owned();
    let mut files: Vec<ModuleFile> = Vec::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut diags: Vec<SourceDiagnostic> = Vec::new();
    let mut broken: Vec<Broken> = Vec::new();
    let mut base = 0;
    // (module name, file already read) in the order found; the entry first.
    let mut queue: Vec<Queued> = vec![(None, Some((entry_path.to_owned(), entry_text.to_owned())))];
    let mut seen: Vec<String> = Vec::new();
    let mut dynamic_added = false;
    let mut next = 0;
    while next < queue.len() {
        let (name, read) = queue[next].clone();
        next += 1;
        // A file offered for computed names (read already) that does not compile fails
        // when it is required; a static require of a file that is not there fails at
        // run time, not here.
        let candidate = read.is_some() && name.is_some();
        let Some((path, text)) = read.or_else(|| {
            let n = name.as_deref()?.replace('.', "/");
            [format!("{n}.lua"), format!("{n}/init.lua")]
                .into_iter()
                .map(|rel| join(&dir, &rel))
                .find_map(|p| load(&p).map(|t| (p, t)))
        }) else {
            continue;
        };
        let file = ModuleFile {
            path: path.clone(),
            text,
            base,
        };
        base += file.text.len() + 1;
        let parse = parse::parse(&file.text);
        let index = files.len();
        let file_base = file.base;
        files.push(file);
        match parse {
            Ok(ast) => {
                let mut found = Requires::default();
                found.visit_ast(&ast);
                for r in found.names {
                    if !seen.contains(&r) {
                        seen.push(r.clone());
                        queue.push((Some(r), None));
                    }
                }
                if found.dynamic && !dynamic_added {
                    dynamic_added = true;
                    for rel in requirable {
                        let Some(m) = module_name(rel) else { continue };
                        let p = join(&dir, rel);
                        let same = |a: &str, b: &str| {
                            a.trim_start_matches("./") == b.trim_start_matches("./")
                        };
                        if seen.contains(&m) || same(&p, entry_path) {
                            continue;
                        }
                        let Some(text) = load(&p) else { continue };
                        seen.push(m.clone());
                        queue.push((Some(m), Some((p, text))));
                    }
                }
                parsed.push(Parsed {
                    file: index,
                    ast,
                    name,
                    optional: candidate,
                });
            }
            Err(ds) if candidate => {
                let first = ds.first().map(|d| d.message.clone()).unwrap_or_default();
                broken.push(Broken {
                    message: format!(
                        "error loading module '{}' from file '{path}':\n\t{first}",
                        name.as_deref().unwrap_or_default()
                    ),
                    name: name.unwrap_or_default(),
                });
            }
            Err(ds) => diags.extend(ds.into_iter().map(|mut d| {
                d.span = d.span.start + file_base..d.span.end + file_base;
                d
            })),
        }
    }
    if !diags.is_empty() {
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        return Err(ModuleErrors {
            files,
            diagnostics: diags,
        });
    }
    let units: Vec<Unit<'_>> = parsed
        .iter()
        .map(|p| {
            let f = &files[p.file];
            Unit {
                text: &f.text,
                base: f.base,
                ast: &p.ast,
                chunk: f.path.clone(),
                module: p.name.clone().map(|n| (n, f.path.clone())),
                optional: p.optional,
            }
        })
        .collect();
    let lowered = lower_units(registry, &units, &broken);
    drop(units);
    match lowered {
        Ok((node, map)) => Ok(ModuleProgram { node, map, files }),
        Err(diagnostics) => Err(ModuleErrors { files, diagnostics }),
    }
}

/// The module names a chunk requires by a literal, and whether it also requires by a
/// name computed at run time (or passes `require` around as a value).
#[derive(Default)]
struct Requires {
    names: Vec<String>,
    /// Uses of the name `require`, and how many of them are calls with a literal.
    uses: usize,
    literal_calls: usize,
    dynamic: bool,
}

impl Requires {
    fn literal(args: &FunctionArgs) -> Option<String> {
        let tok = match args {
            FunctionArgs::String(tok) => tok,
            FunctionArgs::Parentheses { arguments, .. } if arguments.len() == 1 => {
                match arguments.iter().next() {
                    Some(Expression::String(tok)) => tok,
                    _ => return None,
                }
            }
            _ => return None,
        };
        crate::lower::string_token(tok)?.ok()
    }

    /// Counts a call `require "name"` (or `require("name")`) at the head of a chain.
    fn call_at(&mut self, prefix: &Prefix, first: Option<&Suffix>) {
        if let Prefix::Name(tok) = prefix
            && tok.token().to_string() == "require"
            && let Some(Suffix::Call(ast::Call::AnonymousCall(args))) = first
            && let Some(name) = Requires::literal(args)
        {
            self.literal_calls += 1;
            if name != "weft" && name != "sdk" && !self.names.contains(&name) {
                self.names.push(name);
            }
        }
    }
}

impl Visitor for Requires {
    fn visit_function_call(&mut self, node: &ast::FunctionCall) {
        self.call_at(node.prefix(), node.suffixes().next());
    }

    fn visit_var_expression(&mut self, node: &ast::VarExpression) {
        self.call_at(node.prefix(), node.suffixes().next());
    }

    fn visit_prefix(&mut self, node: &Prefix) {
        if let Prefix::Name(tok) = node
            && tok.token().to_string() == "require"
        {
            self.uses += 1;
            self.dynamic = self.uses > self.literal_calls;
        }
    }

    fn visit_var(&mut self, node: &ast::Var) {
        if let ast::Var::Name(tok) = node
            && tok.token().to_string() == "require"
        {
            self.uses += 1;
            self.dynamic = true;
        }
    }
}
