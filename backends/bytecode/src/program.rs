//! The compiled program: functions of stack bytecode plus the tables they index.
//!
//! Everything here is plain serde data, because a program travels inside a suspended
//! state. Instructions are a 16-byte `Copy` enum; operands that do not fit (string
//! constants, quoted data, gas groups, late-bound variable chains, node paths) live in side
//! tables indexed by `u32`. Every instruction has the JSON path of the IR node it came from
//! (`Func::paths`), so a runtime error names its node.

use serde::{Deserialize, Serialize};
use weft_ir::{JsonPath, Seg};
use weft_runtime::{Truth, f64_bits};

/// The format version of [`Program`]; bumped whenever its meaning changes.
pub const PROGRAM_VERSION: u32 = 1;

/// One instruction. "Peek" means the instruction reads the top of the stack and leaves it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Nop,
    Null,
    True,
    False,
    Int(i64),
    Float(#[serde(with = "f64_bits")] f64),
    /// Pushes string constant `n` (allocated once when the run starts).
    Str(u32),
    /// Pushes a fresh value built from quoted data `n` (a new list or object every time).
    Data(u32),
    Pop,
    /// Pushes local slot `n` of the current frame.
    Load(u32),
    /// Stores the top of the stack (peek) into local slot `n`.
    Store(u32),
    /// Like `Load`/`Store`, for a slot holding the cell of a captured variable.
    LoadBox(u32),
    StoreBox(u32),
    /// Reads or writes (peek) captured cell `n` of the running closure.
    LoadCap(u32),
    StoreCap(u32),
    /// Reads or writes (peek) through late-bound chain `n` (`Func::chains`): the first
    /// initialised cell wins; none reads as null and is an error to write.
    LoadChain(u32),
    StoreChain(u32),
    /// Enters block scope `n` (`Func::scopes`): resets its slots, makes fresh cells.
    Scope(u32),
    Jump(u32),
    /// Pops; jumps when the value is falsy (IR truthiness).
    JumpIfNot(u32),
    /// Jumps keeping the top when its truthiness under `truth` equals `when`; else pops it.
    JumpKeep {
        target: u32,
        truth: Truth,
        when: bool,
    },
    /// Jumps keeping the top when it is not null; else pops it.
    JumpNotNull(u32),
    /// Charges gas group `n` (`Func::gas`).
    Gas(u32),
    /// Calls built-in `op` (`Program::builtins`) on the top `argc` values.
    Builtin {
        op: u16,
        argc: u32,
    },
    /// A two-argument arithmetic or comparison builtin with an inline fast path for two
    /// ints (and two floats where the result is the same IEEE operation); any other
    /// operands, and an int result that overflows, go to builtin `op` as `Builtin` would.
    Binary {
        kind: BinOp,
        op: u16,
    },
    /// `[f, args...]` → result.
    Call(u32),
    /// `[receiver, name, args...]` → result.
    Method(u32),
    /// `[f, this, args...]` → result: a call with an explicit `this`.
    CallThis(u32),
    /// `[f, list]` → result: a call with the list's items as its arguments
    /// (`std.apply_list`).
    CallList,
    /// Forgets the values a return kept for `TakeResults`: emitted just before the call of
    /// a `std.results`, after its arguments, so what `TakeResults` finds after the call can
    /// only come from that call's own frame.
    ClearResults,
    /// `[list]` → `[first item]`: the frame is about to return these values
    /// (`std.return_values`, a `Return` follows); they are kept for the caller's
    /// `TakeResults`, tagged with the caller's frame count. A null list means no values.
    SetResults,
    /// `[value]` → `[list]`: every value the call just made returned (`std.results`): the
    /// values its frame kept with `SetResults`, else the one value.
    TakeResults,
    /// `[value]` → `[value]`, before a `Return`: passes on the values the call just made
    /// kept (`std.return_values` of a `std.results`), so forwarding them allocates nothing.
    ForwardResults,
    /// `[class, args...]` → `[instance, init, instance, args...]`: makes the object
    /// `std.new` builds (its prototype the class's instance prototype), ready for the
    /// `CallThis` that runs the constructor and the `CtorResult` after it.
    Construct(u32),
    /// `[instance, result]` → the result when it is an object, list or function, else the
    /// instance.
    CtorResult,
    /// Makes a closure of function `n`, capturing per `Func::captures`.
    Closure(u32),
    /// Returns the top of the stack from the current frame.
    Return,
    /// Installs a handler at `n`: on a catchable error the stack is cut back to its height
    /// here, the error message is pushed, and execution continues at `n`.
    TryPush(u32),
    /// Like `TryPush`, but the handler receives an error object (`std.try_error`):
    /// `{code, message, thrown, value}`.
    TryPushError(u32),
    TryPop,
    /// Checks that the top is a list (for `std.for`).
    CheckList,
    /// With `[list, index]` on top: pushes `list[index]` and increments the index, or jumps
    /// to `n` when the index reached the length.
    ForNext(u32),
    /// Pops a number of milliseconds and suspends; pushes null on resume.
    Sleep,
    /// Pops an index; pushes that script argument.
    Arg,
    /// Pushes a new list of the current call's arguments (the script's, at top level).
    Args,
    This,
    Caller,
    /// Fails with "no such variable" for string constant `n` (a `std.set` with no binding).
    Unbound(u32),
    /// Fails with "not implemented" for string constant `n`.
    NotImpl(u32),
}

/// Where a closure's captured cell comes from when the closure is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaptureSrc {
    /// A boxed local slot of the creating frame.
    Local(u32),
    /// A captured cell of the creating closure.
    Capture(u32),
}

/// The slots a block scope resets when entered, and which of them hold cells.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeInfo {
    pub plain: Vec<u32>,
    pub boxed: Vec<u32>,
}

/// Gas charged at once by one `Gas` instruction: the nodes whose evaluation starts there,
/// in order, each with its cost and path (so running short stops at the exact node).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GasGroup {
    pub total: u64,
    pub nodes: Vec<(u64, u32)>,
}

/// One compiled function; function 0 is the script itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Func {
    pub name: String,
    pub params: u32,
    pub slots: u32,
    /// Parameter slots that hold cells because an inner closure captures them.
    pub boxed_params: Vec<u32>,
    pub captures: Vec<CaptureSrc>,
    pub chains: Vec<Vec<u32>>,
    pub scopes: Vec<ScopeInfo>,
    pub gas: Vec<GasGroup>,
    /// Whether the body reads `std.args` (the call then keeps its arguments).
    pub uses_args: bool,
    pub code: Vec<Op>,
    /// Path id (`Program::paths`) of the node each instruction came from.
    pub paths: Vec<u32>,
    /// Deepest operand stack, filled in by the verifier.
    pub max_stack: u32,
}

/// Quoted data, stored flat so that neither serde nor building a value recurses deeply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Data {
    Null,
    Bool(bool),
    Int(i64),
    Float(#[serde(with = "f64_bits")] f64),
    Str(String),
    List(Vec<u32>),
    Obj(Vec<(String, u32)>),
}

/// One step of a node path, stored as a parent pointer plus the step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathEntry {
    /// Parent path id; `u32::MAX` for the root.
    pub parent: u32,
    pub seg: Option<PathSeg>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathSeg {
    I(u32),
    K(String),
}

/// A built-in opcode the program calls, by canonical name, with its per-item gas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltinRef {
    pub name: String,
    pub per_item: u64,
    /// For a host opcode: the capability its first argument must be (registry row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<String>,
}

/// A compiled, verified program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub version: u32,
    pub funcs: Vec<Func>,
    pub strings: Vec<String>,
    pub data: Vec<Data>,
    pub builtins: Vec<BuiltinRef>,
    pub paths: Vec<PathEntry>,
}

impl Program {
    /// The JSON path for path id `id`.
    pub fn path(&self, id: u32) -> JsonPath {
        let mut segs = Vec::new();
        let mut cur = id;
        while let Some(entry) = self.paths.get(cur as usize) {
            match &entry.seg {
                Some(PathSeg::I(i)) => segs.push(Seg::Index(*i as usize)),
                Some(PathSeg::K(k)) => segs.push(Seg::Key(k.clone())),
                None => {}
            }
            if entry.parent == u32::MAX || segs.len() > self.paths.len() {
                break;
            }
            cur = entry.parent;
        }
        segs.reverse();
        JsonPath(segs)
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn op_is_small() {
        assert!(std::mem::size_of::<super::Op>() <= 16);
    }
}

/// The operations [`Op::Binary`] has a fast path for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Mod,
    /// JavaScript `+` on two ints: an int while the sum is within ±2^53 (where doubles
    /// are exact), as `js.add` gives; anything else is `js.add`'s.
    JsAdd,
    /// JavaScript `-` on two ints within ±2^53 whose difference is too.
    JsSub,
    /// JavaScript `*` on two ints within ±2^53 whose product is too and is not `-0`
    /// (zero with a negative operand).
    JsMul,
    /// JavaScript `%` on two ints within ±2^53, the divisor not zero, the remainder not
    /// `-0` (zero with a negative dividend).
    JsMod,
    /// Python `%` on two ints, the divisor not zero: the remainder takes the divisor's
    /// sign (floor modulo).
    PyMod,
    /// Lua's `+`, `-` and `*` (`["lua.arith", "+", a, b]`): two ints wrap around, as
    /// lua5.4's integers do; two floats are the IEEE operation. Anything else is
    /// `lua.arith`'s, through [`BinOp::builtin`].
    LuaAdd,
    LuaSub,
    LuaMul,
    /// Lua's `%` on two ints, the divisor not zero: floored, as Python's is.
    LuaMod,
    Lt,
    Gt,
    Lte,
    Gte,
    Eq,
    Neq,
}

impl BinOp {
    /// The fast-path operation for a two-argument call of `name`, if it has one.
    ///
    /// An opcode maps to a fast path only where, for every pair of operands the fast path
    /// takes (two ints, two floats; see [`BinOp::ints`] and [`BinOp::floats`]), its result
    /// is the opcode's own; for any other pair, and where the fast path declines
    /// (overflow), the opcode's builtin runs. Python's arithmetic and comparisons agree
    /// with `math.*`/`bool.*` there (ints that overflow raise in both); so does `py.iadd`,
    /// which on numbers is `py.add`; `py.mod` floors, so it has a path of its own, for two
    /// ints only. JavaScript's numbers are doubles: `js.add`, `js.sub`, `js.mul` and
    /// `js.mod` have an int path only, within ±2^53 and never for a `-0` result.
    pub fn for_opcode(name: &str) -> Option<BinOp> {
        Some(match name {
            "js.add" => BinOp::JsAdd,
            "js.sub" => BinOp::JsSub,
            "js.mul" => BinOp::JsMul,
            "js.mod" => BinOp::JsMod,
            "py.mod" => BinOp::PyMod,
            "math.add" | "py.add" | "py.iadd" => BinOp::Add,
            "math.sub" | "py.sub" => BinOp::Sub,
            "math.mul" | "py.mul" => BinOp::Mul,
            "math.mod" => BinOp::Mod,
            "bool.lt" | "py.lt" | "lua.lt" => BinOp::Lt,
            "bool.gt" | "py.gt" | "lua.gt" => BinOp::Gt,
            "bool.lte" | "py.le" | "lua.le" => BinOp::Lte,
            "bool.gte" | "py.ge" | "lua.ge" => BinOp::Gte,
            "bool.eq" | "py.eq" | "lua.eq" => BinOp::Eq,
            "bool.neq" | "py.ne" | "lua.ne" => BinOp::Neq,
            _ => return None,
        })
    }

    /// The `lua.arith` operator a Lua kind stands for.
    pub fn lua_symbol(self) -> Option<&'static str> {
        Some(match self {
            BinOp::LuaAdd => "+",
            BinOp::LuaSub => "-",
            BinOp::LuaMul => "*",
            BinOp::LuaMod => "%",
            _ => return None,
        })
    }

    /// The fast path for `["lua.arith", symbol, a, b]`, if `symbol` has one.
    pub fn for_lua_arith(symbol: &str) -> Option<BinOp> {
        [BinOp::LuaAdd, BinOp::LuaSub, BinOp::LuaMul, BinOp::LuaMod]
            .into_iter()
            .find(|k| k.lua_symbol() == Some(symbol))
    }

    /// What runs when the fast path does not apply, when it is not the call's builtin
    /// itself: the Lua kinds take `lua.arith`'s operator as part of the instruction, so
    /// their fallback is `lua.arith` for that operator on the two operands.
    pub fn builtin(self) -> Option<weft_stdlib::BuiltinFn> {
        self.lua_symbol().and_then(weft_stdlib::lua_arith_binary)
    }

    /// Whether the result is a boolean (a comparison) rather than a number.
    pub fn is_comparison(self) -> bool {
        match self {
            BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Mod
            | BinOp::JsAdd
            | BinOp::JsSub
            | BinOp::JsMul
            | BinOp::JsMod
            | BinOp::PyMod
            | BinOp::LuaAdd
            | BinOp::LuaSub
            | BinOp::LuaMul
            | BinOp::LuaMod => false,
            BinOp::Lt | BinOp::Gt | BinOp::Lte | BinOp::Gte | BinOp::Eq | BinOp::Neq => true,
        }
    }

    /// Whether two floats take the fast path: [`BinOp::floats`] has a result for every
    /// pair of floats or for none.
    pub fn has_float_path(self) -> bool {
        self.floats(0.0, 0.0).is_some()
    }

    /// Replaces the top two stack values with the fast-path result and returns true, or
    /// leaves the stack as it was and returns false when the builtin must decide.
    #[inline]
    pub fn apply_on(self, stack: &mut Vec<weft_runtime::Value>) -> bool {
        use weft_runtime::Value::{Float, Int};
        let n = stack.len();
        let fast = match stack.get(n.wrapping_sub(2)..) {
            Some(&[Int(a), Int(b)]) => self.ints(a, b),
            Some(&[Float(a), Float(b)]) => self.floats(a, b),
            _ => None,
        };
        match fast {
            Some(v) => {
                stack.truncate(n - 2);
                stack.push(v);
                true
            }
            None => false,
        }
    }

    /// The result for two ints, or `None` when the builtin must decide (overflow, zero
    /// divisor), exactly as `math.*`/`bool.*` define it.
    #[inline]
    pub fn ints(self, a: i64, b: i64) -> Option<weft_runtime::Value> {
        use weft_runtime::Value::{Bool, Int};
        Some(match self {
            BinOp::Add => Int(a.checked_add(b)?),
            BinOp::Sub => Int(a.checked_sub(b)?),
            BinOp::Mul => Int(a.checked_mul(b)?),
            BinOp::Mod => Int(a.checked_rem(b).or_else(|| (b == -1).then_some(0))?),
            BinOp::JsAdd => Int(a.checked_add(b).filter(|s| js_exact(*s))?),
            // Within ±2^53 both operands are exact doubles and `a - b` cannot overflow.
            BinOp::JsSub if js_exact(a) && js_exact(b) && js_exact(a - b) => Int(a - b),
            BinOp::JsSub => return None,
            // Exact operands and product: the double product is the product; a zero with
            // a negative operand would be -0, a float.
            BinOp::JsMul if js_exact(a) && js_exact(b) => {
                let p = a.checked_mul(b).filter(|p| js_exact(*p))?;
                if p == 0 && (a < 0 || b < 0) {
                    return None;
                }
                Int(p)
            }
            BinOp::JsMul => return None,
            // Exact operands: `fmod` is exact and, like `%` on ints, takes the dividend's
            // sign; a zero remainder of a negative dividend is -0.
            BinOp::JsMod if b != 0 && js_exact(a) && js_exact(b) => match a % b {
                0 if a < 0 => return None,
                r => Int(r),
            },
            BinOp::JsMod => return None,
            BinOp::PyMod | BinOp::LuaMod => Int(weft_stdlib::math::floor_rem(a, b)?),
            BinOp::LuaAdd => Int(a.wrapping_add(b)),
            BinOp::LuaSub => Int(a.wrapping_sub(b)),
            BinOp::LuaMul => Int(a.wrapping_mul(b)),
            BinOp::Lt => Bool(a < b),
            BinOp::Gt => Bool(a > b),
            BinOp::Lte => Bool(a <= b),
            BinOp::Gte => Bool(a >= b),
            BinOp::Eq => Bool(a == b),
            BinOp::Neq => Bool(a != b),
        })
    }

    /// The result for two floats, or `None` to let the builtin decide.
    #[inline]
    pub fn floats(self, a: f64, b: f64) -> Option<weft_runtime::Value> {
        use weft_runtime::Value::{Bool, Float};
        Some(match self {
            BinOp::Add | BinOp::LuaAdd => Float(a + b),
            BinOp::Sub | BinOp::LuaSub => Float(a - b),
            BinOp::Mul | BinOp::LuaMul => Float(a * b),
            BinOp::Mod => Float(a % b),
            BinOp::Lt => Bool(a < b),
            BinOp::Gt => Bool(a > b),
            BinOp::Lte => Bool(a <= b),
            BinOp::Gte => Bool(a >= b),
            BinOp::Eq
            | BinOp::Neq
            | BinOp::JsAdd
            | BinOp::JsSub
            | BinOp::JsMul
            | BinOp::JsMod
            | BinOp::PyMod
            | BinOp::LuaMod => return None,
        })
    }
}

/// The largest magnitude of an int JavaScript arithmetic keeps exact: 2^53.
pub const JS_SAFE: i64 = 1 << 53;

/// Whether `i` is within ±2^53, where an int and its double are the same number.
fn js_exact(i: i64) -> bool {
    i.unsigned_abs() <= JS_SAFE as u64
}
