//! The opcode registry: the one place that says what each opcode is.
//!
//! Each entry gives the canonical dotted name, the aliases accepted on input, a signature
//! (parameter names, how each argument is treated, types, return type), the gas cost, the
//! capability a caller must hold, and a one-line doc. The validator, both backends, the
//! generated `docs/opcodes.md` and the SDK typings all read it from here.
//!
//! Signatures are written in a small notation, parsed when an opcode is first looked at:
//! `"list: list, index: int, default?: any -> any"`. A parameter is
//! `[...]name[?]: [kind] type`, where `...` marks a variadic tail, `?` an optional
//! argument, and kind is one of `lazy`, `name`, `params`, `quote`, `pair` (see [`ArgKind`]);
//! without a kind the argument is an ordinary evaluated expression.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::table::{OpDef, TABLES};

/// How an opcode treats one argument position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgKind {
    /// An expression evaluated, left to right, before the opcode runs.
    Expr,
    /// An expression the opcode evaluates itself: conditionally, repeatedly, or in a new scope.
    Lazy,
    /// A string literal naming a variable (a binder or a variable reference).
    Name,
    /// A lambda parameter list: an array of distinct, non-empty strings.
    Params,
    /// Data taken as written, never evaluated (`std.quote`).
    Quote,
    /// A `[key, value]` array whose two elements are expressions (`obj.new`).
    Pair,
}

impl ArgKind {
    /// Whether the argument is an expression evaluated by the opcode's caller or itself.
    pub fn is_code(self) -> bool {
        matches!(self, ArgKind::Expr | ArgKind::Lazy)
    }
}

/// A value type, as far as the SDK typings and docs describe one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ty {
    Any,
    Null,
    Bool,
    Int,
    Float,
    Number,
    String,
    List,
    Object,
    Fn,
    Handle,
}

impl Ty {
    fn parse(s: &str) -> Option<Ty> {
        Some(match s {
            "any" => Ty::Any,
            "null" => Ty::Null,
            "bool" => Ty::Bool,
            "int" => Ty::Int,
            "float" => Ty::Float,
            "number" => Ty::Number,
            "string" => Ty::String,
            "list" => Ty::List,
            "object" => Ty::Object,
            "fn" => Ty::Fn,
            "handle" => Ty::Handle,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ty::Any => "any",
            Ty::Null => "null",
            Ty::Bool => "bool",
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Number => "number",
            Ty::String => "string",
            Ty::List => "list",
            Ty::Object => "object",
            Ty::Fn => "fn",
            Ty::Handle => "handle",
        }
    }
}

/// One parameter of an opcode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub kind: ArgKind,
    #[serde(rename = "type")]
    pub ty: Ty,
    pub optional: bool,
    /// A variadic tail: this parameter takes every remaining argument (zero or more).
    pub rest: bool,
}

/// How many arguments an opcode takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Arity {
    pub min: usize,
    /// `None` means variadic.
    pub max: Option<usize>,
}

impl Arity {
    pub fn accepts(self, n: usize) -> bool {
        n >= self.min && self.max.is_none_or(|max| n <= max)
    }
}

impl fmt::Display for Arity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(max) if max == self.min => write!(f, "{}", self.min),
            Some(max) => write!(f, "{} to {}", self.min, max),
            None => write!(f, "at least {}", self.min),
        }
    }
}

/// What evaluating one node of an opcode costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Gas {
    /// Charged every time a node with this opcode is evaluated.
    pub base: u64,
    /// Charged on top, per unit of work (element, character, entry) the opcode processes.
    pub per_item: u64,
}

/// Everything the toolchain knows about one opcode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpSpec {
    pub name: String,
    pub aliases: Vec<String>,
    pub params: Vec<Param>,
    pub returns: Ty,
    pub arity: Arity,
    pub gas: Gas,
    /// The capability a script must hold to call this opcode, if any.
    pub capability: Option<String>,
    pub doc: String,
}

impl OpSpec {
    /// Builds a spec from the signature notation described in the module docs.
    pub fn new(name: &str, signature: &str, gas: Gas, doc: &str) -> Result<OpSpec, RegistryError> {
        let (params, returns) =
            parse_signature(signature).map_err(|why| RegistryError::BadSignature {
                op: name.to_owned(),
                why,
            })?;
        let min = params.iter().filter(|p| !p.optional && !p.rest).count();
        let max = if params.iter().any(|p| p.rest) {
            None
        } else {
            Some(params.len())
        };
        Ok(OpSpec {
            name: name.to_owned(),
            aliases: Vec::new(),
            params,
            returns,
            arity: Arity { min, max },
            gas,
            capability: None,
            doc: doc.to_owned(),
        })
    }

    /// How the argument at `index` (0-based, after the head) is treated.
    pub fn arg_kind(&self, index: usize) -> ArgKind {
        self.param(index).map_or(ArgKind::Expr, |p| p.kind)
    }

    /// The parameter that the argument at `index` binds to.
    pub fn param(&self, index: usize) -> Option<&Param> {
        self.params
            .get(index)
            .or_else(|| self.params.last().filter(|p| p.rest))
    }

    /// Whether every argument is evaluated before the opcode runs (no special form).
    pub fn is_strict(&self) -> bool {
        self.params.iter().all(|p| p.kind == ArgKind::Expr)
    }

    /// The signature in the notation it was written in.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| {
                let ty = match p.kind {
                    ArgKind::Expr => p.ty.as_str().to_owned(),
                    ArgKind::Lazy => format!("lazy {}", p.ty.as_str()),
                    ArgKind::Name => "name".to_owned(),
                    ArgKind::Params => "params".to_owned(),
                    ArgKind::Quote => "quote".to_owned(),
                    ArgKind::Pair => "pair".to_owned(),
                };
                let rest = if p.rest { "..." } else { "" };
                let optional = if p.optional { "?" } else { "" };
                format!("{rest}{}{optional}: {ty}", p.name)
            })
            .collect();
        format!("{} -> {}", params.join(", "), self.returns.as_str())
    }
}

fn parse_signature(sig: &str) -> Result<(Vec<Param>, Ty), String> {
    // A byte search: `rsplit_once` with a string pattern sets up a general searcher,
    // which for signatures this short costs more than the rest of the parse.
    let arrow = sig
        .as_bytes()
        .windows(2)
        .rposition(|w| w == b"->")
        .ok_or_else(|| "missing `-> type`".to_owned())?;
    let (params_text, ret_text) = (&sig[..arrow], &sig[arrow + 2..]);
    let returns = Ty::parse(ret_text.trim())
        .ok_or_else(|| format!("unknown return type `{}`", ret_text.trim()))?;
    let mut params = Vec::new();
    let params_text = params_text.trim();
    if !params_text.is_empty() {
        for raw in params_text.split(',') {
            let (lhs, rhs) = raw
                .trim()
                .split_once(':')
                .ok_or_else(|| format!("parameter `{}` has no `: type`", raw.trim()))?;
            let name = lhs.trim();
            let (rest, name) = match name.strip_prefix("...") {
                Some(name) => (true, name),
                None => (false, name),
            };
            let (optional, name) = match name.strip_suffix('?') {
                Some(name) => (true, name),
                None => (false, name),
            };
            let mut words = rhs.split_whitespace();
            let (kind, ty) = match (words.next(), words.next(), words.next()) {
                (Some("lazy"), Some(ty), None) => (ArgKind::Lazy, ty),
                (Some("name"), None, _) => (ArgKind::Name, "string"),
                (Some("params"), None, _) => (ArgKind::Params, "list"),
                (Some("quote"), None, _) => (ArgKind::Quote, "any"),
                (Some("pair"), None, _) => (ArgKind::Pair, "list"),
                (Some(ty), None, _) => (ArgKind::Expr, ty),
                _ => return Err(format!("cannot read parameter `{}`", raw.trim())),
            };
            let ty = Ty::parse(ty).ok_or_else(|| format!("unknown type `{ty}`"))?;
            if params.last().is_some_and(|p: &Param| p.rest) {
                return Err("a variadic parameter must come last".to_owned());
            }
            if !optional && !rest && params.last().is_some_and(|p: &Param| p.optional) {
                return Err("a required parameter follows an optional one".to_owned());
            }
            params.push(Param {
                name: name.to_owned(),
                kind,
                ty,
                optional,
                rest,
            });
        }
    }
    Ok((params, returns))
}

/// Index of an opcode in its registry; stable for the registry's lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct OpId(pub u16);

/// A set of opcodes, looked up by canonical name or alias.
///
/// The standard table's signatures are read when an opcode is first looked at, not when
/// the registry is built: a run uses a few dozen of several hundred opcodes, and reading
/// them all took about a third of a millisecond of every `weft` command's start-up.
#[derive(Clone, Debug)]
pub struct Registry {
    ops: Vec<Slot>,
    /// Every canonical name and alias with its opcode, sorted by name.
    by_name: Vec<(Cow<'static, str>, OpId)>,
}

/// One opcode: a built-in one's row of the table until it is first looked at, or a spec.
#[derive(Clone, Debug)]
struct Slot {
    def: Option<&'static OpDef>,
    spec: OnceLock<OpSpec>,
}

impl Slot {
    fn spec(&self) -> &OpSpec {
        self.spec.get_or_init(|| {
            let def = self.def.expect("a registered opcode has its spec");
            let mut spec = OpSpec::new(def.name, def.sig, def.gas, def.doc)
                .unwrap_or_else(|e| panic!("built-in opcode table: {e}"));
            spec.aliases = def.aliases.iter().map(|a| (*a).to_owned()).collect();
            spec
        })
    }

    fn name(&self) -> &str {
        match self.def {
            Some(def) => def.name,
            None => &self.spec().name,
        }
    }
}

/// A registry that cannot be built as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryError {
    BadSignature { op: String, why: String },
    DuplicateName { name: String },
    BadName { name: String },
    Full,
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::BadSignature { op, why } => write!(f, "opcode `{op}`: {why}"),
            RegistryError::DuplicateName { name } => {
                write!(f, "the name `{name}` is already registered")
            }
            RegistryError::BadName { name } => write!(
                f,
                "`{name}` is not a valid opcode name (expected `namespace.name` in letters, digits and `_`)"
            ),
            RegistryError::Full => write!(f, "the registry holds at most {} opcodes", u16::MAX),
        }
    }
}

impl std::error::Error for RegistryError {}

impl Registry {
    /// An empty registry.
    pub fn empty() -> Registry {
        Registry {
            ops: Vec::new(),
            by_name: Vec::new(),
        }
    }

    /// The standard library: every built-in opcode.
    pub fn standard() -> &'static Registry {
        static STANDARD: OnceLock<Registry> = OnceLock::new();
        STANDARD.get_or_init(|| {
            let defs: Vec<&'static OpDef> = TABLES.iter().flat_map(|t| t.iter()).collect();
            let ops = defs
                .iter()
                .map(|&def| Slot {
                    def: Some(def),
                    spec: OnceLock::new(),
                })
                .collect();
            let mut by_name = Vec::with_capacity(defs.iter().map(|d| 1 + d.aliases.len()).sum());
            for (i, def) in defs.iter().enumerate() {
                let id = OpId(u16::try_from(i).expect("the built-in table fits an OpId"));
                for name in std::iter::once(&def.name).chain(def.aliases) {
                    by_name.push((Cow::Borrowed(*name), id));
                }
            }
            by_name.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
            if let Some(w) = by_name.windows(2).find(|w| w[0].0 == w[1].0) {
                panic!("built-in opcode table: {} is defined twice", w[0].0);
            }
            Registry { ops, by_name }
        })
    }

    /// Where `name` is, or would go, in `by_name`.
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.by_name.binary_search_by(|(n, _)| n.as_ref().cmp(name))
    }

    /// Adds an opcode (a host opcode, say). Names and aliases must be new.
    pub fn register(&mut self, spec: OpSpec) -> Result<OpId, RegistryError> {
        if !is_dotted_name(&spec.name) {
            return Err(RegistryError::BadName { name: spec.name });
        }
        for name in std::iter::once(&spec.name).chain(&spec.aliases) {
            if self.find(name).is_ok() {
                return Err(RegistryError::DuplicateName { name: name.clone() });
            }
        }
        let id = OpId(u16::try_from(self.ops.len()).map_err(|_| RegistryError::Full)?);
        for name in std::iter::once(&spec.name).chain(&spec.aliases) {
            let at = self.find(name).unwrap_or_else(|at| at);
            self.by_name.insert(at, (Cow::Owned(name.clone()), id));
        }
        self.ops.push(Slot {
            def: None,
            spec: OnceLock::from(spec),
        });
        Ok(id)
    }

    /// Finds an opcode by canonical name or alias.
    pub fn lookup(&self, name: &str) -> Option<(OpId, &OpSpec)> {
        let id = self.by_name[self.find(name).ok()?].1;
        Some((id, self.get(id)))
    }

    /// The opcode with this id.
    pub fn get(&self, id: OpId) -> &OpSpec {
        self.ops[usize::from(id.0)].spec()
    }

    /// The canonical name for a name or alias.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let id = self.by_name[self.find(name).ok()?].1;
        Some(self.ops[usize::from(id.0)].name())
    }

    /// All opcodes, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = (OpId, &OpSpec)> {
        self.ops
            .iter()
            .enumerate()
            .map(|(i, slot)| (OpId(i as u16), slot.spec()))
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Canonical names closest to `name`, best first, for "did you mean" help.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let mut best: Option<(usize, &str)> = None;
        for slot in &self.ops {
            let canonical = slot.name();
            let d = edit_distance(name, canonical).min(
                canonical.rsplit_once('.').map_or(usize::MAX, |(_, short)| {
                    edit_distance(name, short).saturating_add(1)
                }),
            );
            if d <= name.len().max(3) / 3 + 1 && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, canonical));
            }
        }
        best.map(|(_, n)| n)
    }
}

fn is_dotted_name(name: &str) -> bool {
    let part = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    name.contains('.') && name.split('.').all(part)
}

/// Edit distance where an adjacent transposition counts as one edit (`lgo` → `log`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_registry_builds_and_resolves_aliases() {
        let r = Registry::standard();
        assert_eq!(r.canonical("+"), Some("math.add"));
        assert_eq!(r.canonical("guard"), Some("bool.guard"));
        assert_eq!(r.canonical("seq"), Some("std.seq"));
        assert_eq!(r.canonical("no.such"), None);
        // Read lazily, every row still parses, and its names are well formed.
        for (id, spec) in r.iter() {
            assert!(is_dotted_name(&spec.name), "{}", spec.name);
            for name in std::iter::once(&spec.name).chain(&spec.aliases) {
                assert_eq!(r.lookup(name).map(|(i, _)| i), Some(id), "{name}");
            }
        }
    }

    #[test]
    fn signatures_round_trip_through_their_notation() {
        for (_, spec) in Registry::standard().iter() {
            let again = OpSpec::new(&spec.name, &spec.signature(), spec.gas, &spec.doc).unwrap();
            assert_eq!(again.params, spec.params, "{}", spec.name);
            assert_eq!(again.arity, spec.arity, "{}", spec.name);
        }
    }

    #[test]
    fn arity_comes_from_the_signature() {
        let r = Registry::standard();
        let arity = |n| r.lookup(n).unwrap().1.arity;
        assert_eq!(
            arity("std.if"),
            Arity {
                min: 2,
                max: Some(3)
            }
        );
        assert_eq!(arity("std.seq"), Arity { min: 0, max: None });
        assert_eq!(arity("math.add"), Arity { min: 1, max: None });
        assert_eq!(arity("bool.lt"), Arity { min: 2, max: None });
        assert_eq!(
            arity("std.args"),
            Arity {
                min: 0,
                max: Some(0)
            }
        );
    }

    #[test]
    fn rejects_bad_signatures_and_names() {
        let gas = Gas {
            base: 1,
            per_item: 0,
        };
        assert!(OpSpec::new("a.b", "x: any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x?: any, y: any -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "...x: any, y: any -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x: wibble -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x: any -> wibble", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x any -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x: lazy -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x: lazy any more -> any", gas, "").is_err());
        assert!(OpSpec::new("a.b", "x: name string -> any", gas, "").is_err());
        // A lazy parameter, then a variadic tail that is also optional.
        let spec = OpSpec::new("a.b", "f: lazy fn, ...xs?: int -> list", gas, "").unwrap();
        assert_eq!(spec.returns, Ty::List);
        assert_eq!(spec.params[0].kind, ArgKind::Lazy);
        assert_eq!(spec.params[0].ty, Ty::Fn);
        let xs = &spec.params[1];
        assert_eq!((xs.name.as_str(), xs.rest, xs.optional), ("xs", true, true));
        assert_eq!(spec.arity, Arity { min: 1, max: None });
        let mut r = Registry::empty();
        for name in ["nodot", "a..b", ".a", "a.", "a.b-c", ""] {
            let spec = OpSpec::new(name, "-> any", gas, "").unwrap();
            assert!(
                matches!(r.register(spec), Err(RegistryError::BadName { .. })),
                "{name:?}"
            );
        }
        let spec = OpSpec::new("a.b.c_1", "-> any", gas, "").unwrap();
        r.register(spec).unwrap();
        let spec = OpSpec::new("host.thing", "-> any", gas, "").unwrap();
        r.register(spec.clone()).unwrap();
        assert!(matches!(
            r.register(spec),
            Err(RegistryError::DuplicateName { .. })
        ));
    }

    #[test]
    fn suggests_near_names() {
        let r = Registry::standard();
        assert_eq!(r.suggest("math.ad"), Some("math.add"));
        assert_eq!(r.suggest("list.lenght"), Some("list.len"));
        assert_eq!(r.suggest("std.lgo"), Some("std.log"));
        assert_eq!(r.suggest("zzzzzzzzzzzz"), None);
    }
}
