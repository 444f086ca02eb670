//! Repository hygiene that CI enforces: no snapshot without its fixture, no fixture name
//! that would make its snapshot name ambiguous, and generated docs that match the registry.

use weft_testsuite::{files_with_ext, fixture_for_suffix, fixtures_dir, snapshots_dir};

#[test]
fn every_snapshot_has_its_fixture() {
    let mut orphans = Vec::new();
    for snap in files_with_ext(&snapshots_dir(), "snap") {
        let file = snap.file_name().unwrap().to_string_lossy().into_owned();
        let stem = file.trim_end_matches(".snap");
        match stem.split_once('@') {
            Some((_, suffix)) if fixture_for_suffix(suffix).is_file() => {}
            _ => orphans.push(file),
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots with no fixture (delete them): {orphans:?}"
    );
}

#[test]
fn fixture_names_map_to_distinct_snapshot_names() {
    for lang in ["ir", "ts", "lua", "python"] {
        for ext in ["json", "ts", "lua", "py"] {
            for path in files_with_ext(&fixtures_dir().join(lang), ext) {
                let name = path.to_string_lossy();
                assert!(
                    !name.contains("__"),
                    "fixture names may not contain `__`: {name}"
                );
            }
        }
    }
}

#[test]
fn opcode_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/opcodes.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = weft::ir::docs::opcodes_markdown(weft::ir::Registry::standard());
    assert!(
        committed == generated,
        "docs/opcodes.md is stale: run `cargo run -q -- opcodes --markdown > docs/opcodes.md`"
    );
}
