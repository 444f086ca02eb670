//! Multi-file programs, shared by the front-ends: the files a program was built from and
//! the loader a host gives a front-end to read them.
//!
//! A front-end lowers an entry file and every module it needs into one IR program. Source
//! ranges of every module are offsets into the modules' texts laid end to end in load
//! order ([`ModuleFile::base`]), so one [`SourceMap`] and one list of diagnostics cover
//! every file; [`ModuleFile::find`] says which file a range falls in.

use std::ops::Range;

use crate::{Node, SourceDiagnostic, SourceMap};

/// The folder part of a path or module key (`""` for a bare name).
pub fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// One file of a multi-file program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleFile {
    /// The path the loader read it from.
    pub path: String,
    pub text: String,
    /// Where its text starts among the program's sources laid end to end.
    pub base: usize,
}

impl ModuleFile {
    /// The file whose text holds `at` (an offset among the sources laid end to end).
    pub fn find(files: &[ModuleFile], at: usize) -> Option<&ModuleFile> {
        files
            .iter()
            .find(|f| f.base <= at && at <= f.base + f.text.len())
    }

    /// `range` (an offset among the sources laid end to end) within this file's text.
    pub fn local(&self, range: &Range<usize>) -> Range<usize> {
        range.start.saturating_sub(self.base)..range.end.saturating_sub(self.base)
    }
}

/// A lowered multi-file program.
#[derive(Debug)]
pub struct ModuleProgram {
    pub node: Node,
    /// IR paths to ranges among the files laid end to end.
    pub map: SourceMap,
    pub files: Vec<ModuleFile>,
}

/// Why a multi-file program did not compile: every file read so far, and the problems
/// found in any of them (ranges among the files laid end to end).
#[derive(Debug)]
pub struct ModuleErrors {
    pub files: Vec<ModuleFile>,
    pub diagnostics: Vec<SourceDiagnostic>,
}

/// The loader a host gives a front-end's `compile_program`: the text of the file at a path, or `None`
/// when there is none.
pub type Loader<'a> = dyn FnMut(&str) -> Option<String> + Send + 'a;
