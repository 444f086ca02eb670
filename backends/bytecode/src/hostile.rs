//! Programs that attack a run's limits: endless loops, runaway recursion (also through a
//! built-in's callback) and values that grow until the heap limit stops them. Every
//! backend must end each of them with the same error, inside its limits, without crashing
//! the process. The VM's tests and the JIT's run this one list; a host embedding Weft can
//! run it against its own configuration too.

use weft_runtime::Limits;

/// Tight limits, so the heap and call-depth attacks hit their limit quickly.
pub const SMALL_LIMITS: Limits = Limits {
    gas: 1_000_000,
    max_heap_bytes: 1 << 20,
    max_call_depth: 50,
};

/// One hostile program and how a run of it must end.
#[derive(Clone, Copy, Debug)]
pub struct Hostile {
    /// The program, as IR text.
    pub ir: &'static str,
    /// Run under [`SMALL_LIMITS`] when set, else under [`Limits::default`].
    pub small_limits: bool,
    /// The error code the run fails with.
    pub code: &'static str,
    /// The path of the node it fails at, where that is pinned.
    pub at: Option<&'static str>,
}

impl Hostile {
    pub fn limits(&self) -> Limits {
        if self.small_limits {
            SMALL_LIMITS
        } else {
            Limits::default()
        }
    }
}

/// The hostile set.
pub const PROGRAMS: &[Hostile] = &[
    Hostile {
        ir: r#"["str.repeat", "x", 1e12]"#,
        small_limits: true,
        code: "E5003",
        at: Some("$"),
    },
    Hostile {
        ir: r#"["std.seq", ["std.let", "f", ["std.lambda", [], ["std.apply", ["std.var", "f"]]]], ["std.apply", ["std.var", "f"]]]"#,
        small_limits: true,
        code: "E5004",
        at: Some("$[1][2][2]"),
    },
    Hostile {
        ir: r#"["std.seq", ["std.let", "l", ["list.new"]], ["std.while", true, ["list.push", ["std.var", "l"], ["std.var", "l"]]]]"#,
        small_limits: true,
        code: "E5003",
        at: Some("$[2][2]"),
    },
    Hostile {
        ir: r#"["std.seq", ["std.let", "s", "ab"], ["std.while", true, ["std.set", "s", ["str.concat", ["std.var", "s"], ["std.var", "s"]]]]]"#,
        small_limits: true,
        code: "E5003",
        at: Some("$[2][2][2]"),
    },
    Hostile {
        ir: r#"["std.while", true, ["std.seq"]]"#,
        small_limits: true,
        code: "E5002",
        at: Some("$"),
    },
    // Recursion through a built-in's callback is bounded too.
    Hostile {
        ir: r#"["std.seq", ["std.let", "f", ["std.lambda", ["x"], ["list.map", ["list.new", 1], ["std.var", "f"]]]], ["std.apply", ["std.var", "f"], 0]]"#,
        small_limits: false,
        code: "E5004",
        at: None,
    },
];
