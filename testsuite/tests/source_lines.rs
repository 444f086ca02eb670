//! Runtime errors of TypeScript, Lua and Python scripts point at the right source line.
//!
//! `programs/errors/<lang>/` holds scripts that fail with an uncaught error. Each has a
//! `.expected` file (the real interpreter's stdout up to the failure) and a `.line` file:
//! the line the real interpreter reports the error on (node's first stderr line, lua5.4's
//! `file:N:` prefix, the last frame of Python's traceback). Weft must print the same
//! output, fail, and its source map must place the failing IR node on that line; the
//! rendered error must name `file:line:column` and show the line. When the interpreter is
//! installed, its report is taken again and must match the committed files; when it is
//! not, that re-check is skipped and said so.

use std::path::{Path, PathBuf};
use std::process::Command;

use weft::{Language, Outcome, TestHost};
use weft_testsuite::{
    SOURCE_LANGUAGES, corpus_folder, files_with_ext, first_difference, programs_dir,
};

/// What a real interpreter printed and the line its error names; `None` when it is not
/// installed.
fn interpreter_report(language: Language, path: &Path) -> Option<(String, usize)> {
    let dir = std::env::temp_dir().join(format!("weft-lines-{}", std::process::id()));
    let (program, file) = match language {
        // Plain JavaScript in a .ts file: node runs a copy, so the lines stay the same.
        Language::TypeScript => {
            std::fs::create_dir_all(&dir).ok()?;
            let copy = dir.join(path.file_stem()?).with_extension("js");
            std::fs::copy(path, &copy).ok()?;
            ("node", copy)
        }
        Language::Lua => ("lua5.4", path.to_path_buf()),
        Language::Python => ("python3", path.to_path_buf()),
        Language::Ir => return None,
    };
    let run = Command::new(program).arg(&file).output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = match run {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("{program} {}: {e}", file.display()),
    };
    assert!(
        !out.status.success(),
        "{program} ran {} without an error",
        path.display()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = reported_line(language, &stderr)
        .unwrap_or_else(|| panic!("no line in {program}'s report:\n{stderr}"));
    Some((String::from_utf8_lossy(&out.stdout).into_owned(), line))
}

/// The line number in an interpreter's report of an uncaught error.
fn reported_line(language: Language, stderr: &str) -> Option<usize> {
    let number = |s: &str| s.trim().parse().ok();
    match language {
        // "/tmp/x.js:6" on the first line.
        Language::TypeScript => number(stderr.lines().next()?.rsplit(':').next()?),
        // "lua5.4: x.lua:5: message".
        Language::Lua => number(stderr.lines().next()?.split(':').nth(2)?),
        // The last `  File "x.py", line 4, in f` of the traceback.
        Language::Python => stderr
            .lines()
            .rfind(|l| l.trim_start().starts_with("File \""))
            .and_then(|l| number(l.split(", line ").nth(1)?.split(',').next()?)),
        Language::Ir => None,
    }
}

/// The 1-based line and column of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn programs() -> Vec<(Language, PathBuf)> {
    let errors = programs_dir().join("errors");
    SOURCE_LANGUAGES
        .into_iter()
        .flat_map(|language| {
            let dir = errors.join(corpus_folder(language));
            files_with_ext(&dir, language.extension())
                .into_iter()
                .map(move |p| (language, p))
        })
        .collect()
}

#[test]
fn runtime_errors_point_at_the_line_the_real_interpreter_reports() {
    let programs = programs();
    assert!(
        programs.len() >= 9,
        "found {} error programs",
        programs.len()
    );
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for (language, path) in &programs {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).expect("readable program");
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .expect("a .expected file beside each program");
        let line: usize = std::fs::read_to_string(path.with_extension("line"))
            .expect("a .line file beside each program")
            .trim()
            .parse()
            .expect("a line number");

        match interpreter_report(*language, path) {
            Some((stdout, reported)) => {
                if stdout != expected {
                    failures.push(format!(
                        "{name}: the interpreter's output differs from the .expected file\n{}",
                        first_difference(&expected, &stdout)
                    ));
                }
                if reported != line {
                    failures.push(format!(
                        "{name}: the interpreter reports line {reported}, the .line file says {line}"
                    ));
                }
            }
            None => skipped.push(language.name()),
        }

        let (node, map) = weft::compile_source_mapped(*language, &source)
            .unwrap_or_else(|e| panic!("{name} does not compile: {e:?}"));
        let program = weft::compile_tree(*language, &node).expect("compiles to bytecode");
        let mut host = TestHost::new();
        let Outcome::Failed { error, .. } = weft::run(&program, &Default::default(), &mut host)
        else {
            failures.push(format!("{name}: ran without an error on Weft"));
            continue;
        };
        if host.stdout() != expected {
            failures.push(format!(
                "{name}: output before the error differs\n{}",
                first_difference(&expected, &host.stdout())
            ));
        }
        let Some(span) = error.path.as_ref().and_then(|p| map.span_of(p)) else {
            failures.push(format!("{name}: no source range for {:?}", error.path));
            continue;
        };
        let (got_line, col) = line_col(&source, span.start);
        if got_line != line {
            failures.push(format!(
                "{name}: the error is placed on line {got_line}, the interpreter says {line}"
            ));
        }
        let rendered = weft::render::render_runtime_mapped(&name, &source, &map, &error);
        let source_line = source.lines().nth(line - 1).unwrap_or_default();
        if !rendered.contains(&format!("{name}:{line}:{col}"))
            || !rendered.contains(source_line.trim())
        {
            failures.push(format!(
                "{name}: the rendered error does not show {name}:{line}:{col} and its line:\n{rendered}"
            ));
        }
    }
    skipped.sort();
    skipped.dedup();
    if !skipped.is_empty() {
        eprintln!(
            "skipped: re-checking the error programs' .expected and .line files with {} (not installed); Weft was still checked against them",
            skipped.join(", ")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Over every corpus program: the map records only nodes that exist and are calls, its
/// ranges lie inside the source on character boundaries, and no marker is left in the IR.
#[test]
fn source_maps_of_the_corpora_are_well_formed() {
    let (mut checked, mut checked_ranges) = (0, 0);
    for language in SOURCE_LANGUAGES {
        let dir = programs_dir().join(corpus_folder(language));
        for path in files_with_ext(&dir, language.extension()) {
            let source = std::fs::read_to_string(&path).expect("readable program");
            let (node, map) = weft::compile_source_mapped(language, &source)
                .unwrap_or_else(|e| panic!("{} does not compile: {e:?}", path.display()));
            assert_eq!(
                Ok(&node),
                weft::compile_source(language, &source).as_ref(),
                "{}: the IR depends on whether a map is asked for",
                path.display()
            );
            assert!(
                !node.to_json().contains("weft.span"),
                "{}: a marker was left in the IR",
                path.display()
            );
            assert!(!map.is_empty(), "{}: nothing recorded", path.display());
            for (at, range) in map.iter() {
                let target = node_at(&node, at)
                    .unwrap_or_else(|| panic!("{}: {at} is not in the IR", path.display()));
                assert!(
                    target.head().is_some(),
                    "{}: {at} is not a call",
                    path.display()
                );
                assert!(
                    range.start < range.end && source.get(range.clone()).is_some(),
                    "{}: {at} has range {range:?} outside the source",
                    path.display()
                );
                let part = &source[range.clone()];
                assert!(
                    balanced_code(part).is_none_or(|ok| ok),
                    "{}: {at} covers {part:?}, which stops inside brackets",
                    path.display()
                );
                checked_ranges += 1;
            }
            checked += 1;
        }
    }
    assert!(checked > 80, "checked {checked} programs");
    assert!(checked_ranges > 1000, "checked {checked_ranges} ranges");
}

/// Whether the brackets in `code` pair up; `None` when it holds a string or a comment,
/// whose brackets need not.
fn balanced_code(code: &str) -> Option<bool> {
    if code.contains(['"', '\'', '`', '#']) || code.contains("--") || code.contains("//") {
        return None;
    }
    let mut open = Vec::new();
    for c in code.chars() {
        match c {
            '(' | '[' | '{' => open.push(c),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if open.pop() != Some(want) {
                    return Some(false);
                }
            }
            _ => {}
        }
    }
    Some(open.is_empty())
}

fn node_at<'a>(node: &'a weft::ir::Node, path: &weft::ir::JsonPath) -> Option<&'a weft::ir::Node> {
    path.0.iter().try_fold(node, |n, seg| match (n, seg) {
        (weft::ir::Node::Array(items), weft::ir::Seg::Index(i)) => items.get(*i),
        (weft::ir::Node::Object(fields), weft::ir::Seg::Key(k)) => {
            fields.iter().find(|(key, _)| key == k).map(|(_, v)| v)
        }
        _ => None,
    })
}
