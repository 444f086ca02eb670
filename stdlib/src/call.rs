//! The calling convention of built-in opcodes: the [`Ctx`] a backend provides and the
//! [`Call`] an implementation receives, with typed argument accessors.
//!
//! Argument accessors never panic: a missing argument reads as null, and a value of the
//! wrong type is an `E5010` type error naming the opcode. Int parameters also accept a
//! float with no fraction (`1e3`), because JSON writers print large ints that way.

use weft_runtime::diagnostics as diag;
use weft_runtime::{Heap, Host, ObjMap, RuntimeError, Value, num};

/// What a backend offers to opcode implementations.
pub trait Ctx {
    fn heap(&self) -> &Heap;
    fn heap_mut(&mut self) -> &mut Heap;
    fn host(&mut self) -> &mut dyn Host;
    /// The host and the heap at once, for host calls that read or build values.
    fn host_and_heap(&mut self) -> (&mut dyn Host, &mut Heap);
    /// Charges gas for work done inside an opcode; fails with `E5002` when it cannot be paid.
    fn charge(&mut self, gas: u64) -> Result<(), RuntimeError>;
    /// Calls a closure (or anything callable) with arguments, re-entering the backend.
    fn call(&mut self, f: Value, args: &[Value]) -> Result<Value, RuntimeError> {
        self.call_this(f, Value::Null, args)
    }
    /// Calls a closure with `this` bound (a getter, a setter, a method found by name).
    fn call_this(&mut self, f: Value, this: Value, args: &[Value]) -> Result<Value, RuntimeError>;
}

/// An opcode implementation.
pub type BuiltinFn = fn(&mut Call<'_>) -> Result<Value, RuntimeError>;

/// One invocation of a built-in opcode.
pub struct Call<'a> {
    pub ctx: &'a mut dyn Ctx,
    pub args: &'a [Value],
    /// The canonical opcode name, for messages.
    pub name: &'static str,
    /// The registry's per-item gas for this opcode.
    pub per_item: u64,
}

impl std::fmt::Debug for Call<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("name", &self.name)
            .field("args", &self.args)
            .finish()
    }
}

impl Call<'_> {
    pub fn heap(&self) -> &Heap {
        self.ctx.heap()
    }

    pub fn heap_mut(&mut self) -> &mut Heap {
        self.ctx.heap_mut()
    }

    /// Charges `units` of this opcode's per-item gas.
    pub fn charge_items(&mut self, units: u64) -> Result<(), RuntimeError> {
        let gas = units.saturating_mul(self.per_item);
        if gas == 0 {
            Ok(())
        } else {
            self.ctx.charge(gas)
        }
    }

    /// Charges per-item gas for `bytes` of output, one unit per 16 bytes (rounded up).
    pub fn charge_bytes(&mut self, bytes: usize) -> Result<(), RuntimeError> {
        self.charge_items((bytes as u64).div_ceil(16))
    }

    /// The argument at `i`, null when absent.
    pub fn arg(&self, i: usize) -> Value {
        self.args.get(i).copied().unwrap_or(Value::Null)
    }

    pub fn has(&self, i: usize) -> bool {
        i < self.args.len()
    }

    /// A short description of a value for type errors.
    pub fn describe(&self, v: Value) -> String {
        describe(self.heap(), v)
    }

    fn wrong(&self, i: usize, expected: &str) -> RuntimeError {
        diag::type_error(self.name, expected, &self.describe(self.arg(i)))
    }

    /// An int argument (integral floats accepted).
    pub fn int(&self, i: usize) -> Result<i64, RuntimeError> {
        match self.arg(i) {
            Value::Int(n) => Ok(n),
            Value::Float(f) => {
                num::float_to_int_exact(f).ok_or_else(|| self.wrong(i, "an integer"))
            }
            _ => Err(self.wrong(i, "an integer")),
        }
    }

    /// An optional int argument: `None` when absent or null.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, RuntimeError> {
        match self.arg(i) {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// A number argument, as the value itself (int or float).
    pub fn number(&self, i: usize) -> Result<Value, RuntimeError> {
        match self.arg(i) {
            v @ (Value::Int(_) | Value::Float(_)) => Ok(v),
            _ => Err(self.wrong(i, "a number")),
        }
    }

    /// A number argument as a float.
    pub fn float(&self, i: usize) -> Result<f64, RuntimeError> {
        self.number(i).map(|v| v.as_f64().unwrap_or(f64::NAN))
    }

    /// A string argument, copied out of the heap.
    pub fn string(&self, i: usize) -> Result<String, RuntimeError> {
        self.str_ref(i).map(str::to_owned)
    }

    /// A string argument, borrowed from the heap.
    pub fn str_ref(&self, i: usize) -> Result<&str, RuntimeError> {
        self.heap()
            .str(self.arg(i))
            .ok_or_else(|| self.wrong(i, "a string"))
    }

    /// A list argument's elements, copied.
    pub fn list(&self, i: usize) -> Result<Vec<Value>, RuntimeError> {
        self.list_ref(i).map(<[Value]>::to_vec)
    }

    pub fn list_ref(&self, i: usize) -> Result<&[Value], RuntimeError> {
        self.heap()
            .list(self.arg(i))
            .ok_or_else(|| self.wrong(i, "a list"))
    }

    /// A list argument's heap index.
    pub fn list_id(&self, i: usize) -> Result<u32, RuntimeError> {
        match self.arg(i) {
            Value::List(id) => Ok(id),
            _ => Err(self.wrong(i, "a list")),
        }
    }

    pub fn obj_ref(&self, i: usize) -> Result<&ObjMap, RuntimeError> {
        self.heap()
            .obj(self.arg(i))
            .ok_or_else(|| self.wrong(i, "an object"))
    }

    pub fn obj_id(&self, i: usize) -> Result<u32, RuntimeError> {
        match self.arg(i) {
            Value::Obj(id) => Ok(id),
            _ => Err(self.wrong(i, "an object")),
        }
    }

    /// A callable argument.
    pub fn func(&self, i: usize) -> Result<Value, RuntimeError> {
        match self.arg(i) {
            v @ Value::Closure(_) => Ok(v),
            _ => Err(self.wrong(i, "a function")),
        }
    }

    pub fn alloc_str(&mut self, s: String) -> Result<Value, RuntimeError> {
        self.heap_mut().alloc_str(s)
    }

    pub fn alloc_list(&mut self, items: Vec<Value>) -> Result<Value, RuntimeError> {
        self.heap_mut().check_room(items.len() * 16)?;
        self.heap_mut().alloc_list(items)
    }

    pub fn display(&self, v: Value) -> String {
        weft_runtime::display(self.heap(), v)
    }

    /// A runtime invariant failed.
    pub fn internal(&self, what: &str) -> RuntimeError {
        diag::internal(format!("{}: {what}", self.name))
    }
}

/// A short description of a value for messages: its type, and its value when short.
pub fn describe(heap: &Heap, v: Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Int(_) | Value::Float(_) => format!("number `{}`", weft_runtime::display(heap, v)),
        Value::Str(_) => {
            let s = heap.str(v).unwrap_or_default();
            if s.chars().count() <= 24 {
                format!("string {s:?}")
            } else {
                "a string".to_owned()
            }
        }
        Value::List(_) => "a list".to_owned(),
        Value::Obj(_) => "an object".to_owned(),
        Value::Closure(_) => "a function".to_owned(),
        Value::Handle(_) | Value::Cell(_) => "a handle".to_owned(),
    }
}
