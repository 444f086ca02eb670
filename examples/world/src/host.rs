//! The world as a Weft host: its services (output, clock, randomness) and its opcodes
//! `world.call`, `world.get`, `world.set`, `world.create` and `world.parent`, which read
//! and write the SQLite store and run nested verbs on the same engine.

use serde_json::json;
use weft::{
    Capability, Heap, Host, HostValue, Outcome, RuntimeError, Value, capability, convert,
    diagnostics,
};

use crate::World;

impl World {
    /// `world.call` from a running verb: data arguments as JSON, capabilities as grants.
    fn nested_call(&mut self, args: &[Value], heap: &mut Heap) -> Result<Value, RuntimeError> {
        let target = int_arg(args, 0, "world.call")?;
        let verb = str_arg(heap, args, 1, "world.call")?;
        let mut data = Vec::new();
        let mut grants = Vec::new();
        for &arg in &args[2..] {
            match capability::capability(heap, arg) {
                Some(cap) => grants.push(cap.clone()),
                None => data.push(convert::to_json_strict(heap, arg)?),
            }
        }
        let caller = self
            .stack
            .last()
            .map_or(HostValue::Null, |id| HostValue::Json(json!(id)));
        match self.start(target, &verb, data, grants, caller)? {
            Outcome::Finished { value, .. } => convert::from_json(heap, &value),
            Outcome::Failed { mut error, .. } => {
                error.message = format!("in #{target}:{verb}: {}", error.message);
                error.path = None;
                error.value = None;
                Err(error)
            }
            Outcome::Suspended { .. } => Err(diagnostics::invalid_argument(
                "world.call",
                format!(
                    "#{target}:{verb} tried to sleep; only a verb run directly (not through world.call) can sleep"
                ),
            )),
        }
    }

    fn get(&mut self, args: &[Value], heap: &mut Heap) -> Result<Value, RuntimeError> {
        let id = int_arg(args, 0, "world.get")?;
        let prop = str_arg(heap, args, 1, "world.get")?;
        let mut at = self.entity_or_error("world.get", id)?;
        for _ in 0..1000 {
            if let Some(value) = at.props.get(&prop) {
                return convert::from_json(heap, value);
            }
            match at.parent {
                Some(parent) => at = self.entity_or_error("world.get", parent)?,
                None => break,
            }
        }
        Ok(Value::Null)
    }

    fn set(&mut self, args: &[Value], heap: &mut Heap) -> Result<Value, RuntimeError> {
        let id = int_arg(args, 1, "world.set")?;
        let prop = str_arg(heap, args, 2, "world.set")?;
        let cap = capability::require(
            heap,
            args.first().copied().unwrap_or(Value::Null),
            "entity.control",
            "world.set",
        )?;
        if !cap.permits("entity", &json!(id)) || !cap.permits("prop", &json!(prop)) {
            return Err(RuntimeError {
                code: "E5025",
                message: format!(
                    "`world.set` needs the `entity.control` capability for #{id}'s `{prop}`, and the one given is scoped to {}",
                    json!(cap.scope)
                ),
                path: None,
                value: None,
            });
        }
        self.entity_or_error("world.set", id)?;
        let value = args.get(3).copied().unwrap_or(Value::Null);
        let json = convert::to_json_strict(heap, value)?;
        self.store.set_prop(id, &prop, json).map_err(db_error)?;
        Ok(value)
    }

    fn create(&mut self, args: &[Value], heap: &mut Heap) -> Result<Value, RuntimeError> {
        let name = str_arg(heap, args, 1, "world.create")?;
        let parent = match args.get(2) {
            None | Some(Value::Null) => None,
            Some(_) => Some(int_arg(args, 2, "world.create")?),
        };
        if let Some(parent) = parent {
            self.entity_or_error("world.create", parent)?;
        }
        let mut props = serde_json::Map::new();
        props.insert("name".into(), json!(name));
        let id = self.store.create_entity(parent, &props).map_err(db_error)?;
        let control = Capability::new("entity.control").restrict("entity", json!(id));
        let control = HostValue::Capability(control).alloc(heap)?;
        heap.alloc_list(vec![Value::Int(id), control])
    }
}

pub(crate) fn db_error(e: rusqlite::Error) -> RuntimeError {
    diagnostics::internal(format!("world file: {e}"))
}

fn int_arg(args: &[Value], index: usize, op: &str) -> Result<i64, RuntimeError> {
    match args.get(index) {
        Some(Value::Int(i)) => Ok(*i),
        _ => Err(diagnostics::invalid_argument(
            op,
            format!("argument {} must be an entity id (an integer)", index + 1),
        )),
    }
}

fn str_arg(heap: &Heap, args: &[Value], index: usize, op: &str) -> Result<String, RuntimeError> {
    args.get(index)
        .and_then(|v| heap.str(*v))
        .map(str::to_owned)
        .ok_or_else(|| {
            diagnostics::invalid_argument(op, format!("argument {} must be a string", index + 1))
        })
}

impl Host for World {
    fn log(&mut self, line: &str) {
        self.output.push_str(line);
        self.output.push('\n');
    }

    fn write(&mut self, text: &str) {
        self.output.push_str(text);
    }

    fn warn(&mut self, line: &str) {
        self.output.push_str("warning: ");
        self.output.push_str(line);
        self.output.push('\n');
    }

    fn now_ms(&mut self) -> i64 {
        weft::unix_time_ms()
    }

    fn random(&mut self) -> f64 {
        weft::xorshift_random(&mut self.seed)
    }

    fn call_op(
        &mut self,
        name: &str,
        args: &[Value],
        heap: &mut Heap,
    ) -> Result<Value, RuntimeError> {
        match name {
            "world.call" => self.nested_call(args, heap),
            "world.get" => self.get(args, heap),
            "world.set" => self.set(args, heap),
            "world.create" => self.create(args, heap),
            "world.parent" => {
                let id = int_arg(args, 0, name)?;
                Ok(self
                    .entity_or_error(name, id)?
                    .parent
                    .map_or(Value::Null, Value::Int))
            }
            _ => Err(diagnostics::not_implemented(name)),
        }
    }
}
