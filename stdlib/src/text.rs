//! `str.*`: strings are immutable UTF-8; lengths and indices count Unicode code points.
//!
//! Opcodes that produce text charge one per-item unit per 16 bytes produced and check the
//! heap limit before building the result, so `str.repeat("x", 1e12)` fails at once with
//! `E5003` instead of allocating.

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Value};

use crate::call::Call;
use crate::list::clamp_index;

type R = Result<Value, RuntimeError>;

/// Allocates `s` after charging per-item gas for its bytes.
fn produce(c: &mut Call<'_>, s: String) -> R {
    c.heap().check_room(s.len())?;
    c.charge_bytes(s.len())?;
    c.alloc_str(s)
}

pub fn len(c: &mut Call<'_>) -> R {
    Ok(Value::Int(c.str_ref(0)?.chars().count() as i64))
}

pub fn concat(c: &mut Call<'_>) -> R {
    let mut out = String::new();
    for v in c.args {
        match c.heap().str(*v) {
            Some(s) => out.push_str(s),
            None => out.push_str(&c.display(*v)),
        }
        c.heap().check_room(out.len())?;
    }
    produce(c, out)
}

pub fn split(c: &mut Call<'_>) -> R {
    let s = c.string(0)?;
    let sep = c.string(1)?;
    let parts: Vec<String> = if sep.is_empty() {
        s.chars().map(String::from).collect()
    } else {
        s.split(sep.as_str()).map(str::to_owned).collect()
    };
    c.charge_items(parts.len() as u64)?;
    c.heap().check_room(s.len() + parts.len() * 48)?;
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        out.push(c.alloc_str(p)?);
    }
    c.alloc_list(out)
}

pub fn slice(c: &mut Call<'_>) -> R {
    let s = c.str_ref(0)?;
    let n = s.chars().count();
    let start = clamp_index(c.int(1)?, n);
    let end = clamp_index(c.opt_int(2)?.unwrap_or(n as i64), n);
    let out: String = if start < end {
        s.chars().skip(start).take(end - start).collect()
    } else {
        String::new()
    };
    produce(c, out)
}

pub fn upper(c: &mut Call<'_>) -> R {
    let out = c.str_ref(0)?.to_uppercase();
    produce(c, out)
}

pub fn lower(c: &mut Call<'_>) -> R {
    let out = c.str_ref(0)?.to_lowercase();
    produce(c, out)
}

pub fn trim(c: &mut Call<'_>) -> R {
    let out = c.str_ref(0)?.trim().to_owned();
    c.alloc_str(out)
}

pub fn replace(c: &mut Call<'_>) -> R {
    let (s, search, rep) = (c.str_ref(0)?, c.str_ref(1)?, c.str_ref(2)?);
    c.heap().check_room(s.len() + rep.len())?;
    let out = s.replacen(search, rep, 1);
    produce(c, out)
}

pub fn includes(c: &mut Call<'_>) -> R {
    let (s, search) = (c.str_ref(0)?, c.str_ref(1)?);
    let found = s.contains(search);
    let searched = s.len();
    c.charge_bytes(searched)?;
    Ok(Value::Bool(found))
}

pub fn index_of(c: &mut Call<'_>) -> R {
    let (s, search) = (c.str_ref(0)?, c.str_ref(1)?);
    let (index, searched) = match s.find(search) {
        Some(byte) => (s[..byte].chars().count() as i64, byte + search.len()),
        None => (-1, s.len()),
    };
    c.charge_bytes(searched)?;
    Ok(Value::Int(index))
}

pub fn starts_with(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(c.str_ref(0)?.starts_with(c.str_ref(1)?)))
}

pub fn ends_with(c: &mut Call<'_>) -> R {
    Ok(Value::Bool(c.str_ref(0)?.ends_with(c.str_ref(1)?)))
}

pub fn repeat(c: &mut Call<'_>) -> R {
    let count = c.int(1)?;
    let n = usize::try_from(count)
        .map_err(|_| diag::invalid_argument(c.name, format!("count {count} is negative")))?;
    let len = c.str_ref(0)?.len();
    let total = len.saturating_mul(n);
    c.heap().check_room(total)?;
    c.charge_bytes(total)?;
    let out = c.str_ref(0)?.repeat(n);
    c.alloc_str(out)
}

pub fn join(c: &mut Call<'_>) -> R {
    let sep = if c.arg(1) == Value::Null {
        String::new()
    } else {
        c.string(1)?
    };
    crate::list::join_with(c, &sep)
}
