//! The host interface: the only way a script's effects reach the outside world.
//!
//! Opcode implementations never do I/O; they call a [`Host`]. [`TestHost`] is the
//! deterministic double: it records output lines, has a fixed clock, and a seeded
//! random sequence, so tests can pin time and randomness.

use crate::{HandleData, Heap, RuntimeError, Value};

/// What the embedding application provides to a running script.
pub trait Host {
    /// One line of log output (`std.log`): the text and a newline.
    fn log(&mut self, line: &str);
    /// Output text with no newline added (`std.write`, Lua's `io.write`, Python's
    /// `print(..., end="")`). It shares the log's stream: `write("a"); log("b")` prints `ab`.
    fn write(&mut self, text: &str);
    /// One line of warning output (`std.warn`).
    fn warn(&mut self, line: &str);
    /// The current time, in milliseconds since the Unix epoch.
    fn now_ms(&mut self) -> i64;
    /// A random float in `[0, 1)`.
    fn random(&mut self) -> f64;
    /// Polled at safe points (loop back-edges and calls); returning true makes the VM
    /// suspend there, with the same state a `std.sleep(0)` would save.
    fn should_yield(&mut self) -> bool {
        false
    }
    /// Whether [`Host::should_yield`] may ever return true, or has any effect, during this
    /// run. Returning false lets native code skip the poll at loop back-edges; the default
    /// (true) keeps every poll. A host that returns false must not yield or count polls.
    fn may_yield(&self) -> bool {
        true
    }
    /// Runs a host opcode; see [`HostOps::call_op`]. The default knows none.
    fn call_op(
        &mut self,
        name: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        ().call_op(name, args, heap)
    }
    /// Calls a method on a host handle; see [`HostOps::call_method`]. The default has none.
    fn call_method(
        &mut self,
        handle: &HandleData,
        method: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        ().call_method(handle, method, args, heap)
    }
}

/// A host's own operations, apart from its services (output, clock, randomness), so a
/// host can pair them with [`TestHost`]'s deterministic services:
/// `TestHost::with_ops(MyWorld::new())`. `()` has none.
pub trait HostOps {
    /// Runs a host opcode: one the embedding application registered (it is in the
    /// registry the script was compiled against, but not in the standard library). The
    /// runtime has already charged its gas and, when its registry row names a capability,
    /// checked that `args[0]` is that capability.
    fn call_op(
        &mut self,
        name: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        let _ = (args, heap);
        Err(crate::diagnostics::not_implemented(name))
    }
    /// Calls `method` on a host handle (`std.call_method` with a handle receiver). Gated
    /// methods check their capability with [`crate::capability::require`].
    fn call_method(
        &mut self,
        handle: &HandleData,
        method: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        let _ = (args, heap);
        Err(crate::diagnostics::unknown_method(&handle.kind, method))
    }
}

impl HostOps for () {}

/// A deterministic host for tests, answering host opcodes and handle methods with `ops`.
#[derive(Clone, Debug)]
pub struct TestHost<O = ()> {
    /// Completed output lines.
    pub logs: Vec<String>,
    /// Output written after the last newline.
    pub pending: String,
    pub warnings: Vec<String>,
    /// The clock; it does not move unless the test moves it.
    pub now_ms: i64,
    seed: u64,
    /// When set, `should_yield` returns true on the poll with this (1-based) number.
    pub yield_at_poll: Option<u64>,
    polls: u64,
    /// The host's own opcodes and handle methods.
    pub ops: O,
}

impl Default for TestHost {
    fn default() -> TestHost {
        TestHost::new()
    }
}

impl TestHost {
    /// A host with no operations of its own, whose clock reads 2024-01-01T00:00:00Z and
    /// whose seed is fixed.
    pub fn new() -> TestHost {
        TestHost::with_ops(())
    }
}

impl<O> TestHost<O> {
    /// Like [`TestHost::new`], answering host opcodes and handle methods with `ops`.
    pub fn with_ops(ops: O) -> TestHost<O> {
        TestHost {
            logs: Vec::new(),
            pending: String::new(),
            warnings: Vec::new(),
            now_ms: 1_704_067_200_000,
            seed: 0x9E37_79B9_7F4A_7C15,
            yield_at_poll: None,
            polls: 0,
            ops,
        }
    }

    /// Everything written so far, exactly as a terminal would show it.
    pub fn stdout(&self) -> String {
        let mut out = String::new();
        for line in &self.logs {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&self.pending);
        out
    }

    /// How many times the VM asked whether to yield.
    pub fn polls(&self) -> u64 {
        self.polls
    }
}

impl<O: HostOps> Host for TestHost<O> {
    fn log(&mut self, line: &str) {
        let mut text = std::mem::take(&mut self.pending);
        text.push_str(line);
        self.logs.push(text);
    }

    fn write(&mut self, text: &str) {
        let mut rest = text;
        while let Some(i) = rest.find('\n') {
            let line = &rest[..i];
            self.log(line);
            rest = &rest[i + 1..];
        }
        self.pending.push_str(rest);
    }

    fn warn(&mut self, line: &str) {
        self.warnings.push(line.to_owned());
    }

    fn now_ms(&mut self) -> i64 {
        self.now_ms
    }

    fn random(&mut self) -> f64 {
        // splitmix64
        self.seed = self.seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn should_yield(&mut self) -> bool {
        self.polls += 1;
        self.yield_at_poll == Some(self.polls)
    }

    /// Only when a yield is asked for: so tests run native code as the CLI's host does,
    /// with safe points skipped where nothing could happen (polls then count only the
    /// safe points the VM itself ran).
    fn may_yield(&self) -> bool {
        self.yield_at_poll.is_some()
    }

    fn call_op(
        &mut self,
        name: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        self.ops.call_op(name, args, heap)
    }

    fn call_method(
        &mut self,
        handle: &HandleData,
        method: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        self.ops.call_method(handle, method, args, heap)
    }
}

/// xorshift64*: advances `state` (which must not be 0) and returns a float in `[0, 1)`.
/// The generator behind `Host::random` in the CLI's and the example world's hosts: fine for
/// scripts' randomness, never for secrets.
pub fn xorshift_random(state: &mut u64) -> f64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
}
