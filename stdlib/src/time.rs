//! `time.*`: timestamps as ISO 8601 UTC strings (`2024-01-01T00:00:00.000Z`) or Unix
//! milliseconds. The clock is the host's (`Host::now_ms`); nothing here reads the system.
//!
//! `time.parse` reads `YYYY-MM-DD`, optionally followed by `T` (or a space) and
//! `HH:MM[:SS[.fff]]`, optionally followed by `Z` or an offset `±HH:MM` / `±HHMM`; a time
//! with no zone is UTC. `time.format` fields: `%Y %y %m %d %e %H %M %S %L` (milliseconds)
//! `%j` (day of year) `%a %A %b %B` (English names) `%F` (`%Y-%m-%d`) `%T` (`%H:%M:%S`)
//! `%s` (Unix seconds) `%%`; any other field is an `E5021` error. Month and year offsets
//! keep the day of the month, clamped to the new month's length.

use weft_runtime::diagnostics as diag;
use weft_runtime::{RuntimeError, Value};

use crate::call::Call;

type R = Result<Value, RuntimeError>;

const MS_PER_DAY: i64 = 86_400_000;
/// Timestamps are kept within years 0000..=9999 so the text form is always the same shape.
const MIN_MS: i64 = -62_167_219_200_000;
const MAX_MS: i64 = 253_402_300_799_999;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month 1..=12, day 1..=31).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    ) - days_from_civil(y, m, 1)
}

fn check_range(op: &str, ms: i64) -> Result<i64, RuntimeError> {
    if (MIN_MS..=MAX_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(diag::invalid_argument(
            op,
            "time is outside the years 0000 to 9999",
        ))
    }
}

/// The ISO 8601 UTC text of a timestamp.
pub fn format_iso(ms: i64) -> String {
    format_with(ms, "%Y-%m-%dT%H:%M:%S.%LZ").unwrap_or_default()
}

fn format_with(ms: i64, fmt: &str) -> Result<String, String> {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss, mss) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DAYS: [&str; 7] = [
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
    ];
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let month = MONTHS[(m - 1) as usize];
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let field = chars.next().ok_or("format ends with `%`")?;
        let text = match field {
            'Y' => format!("{y:04}"),
            'y' => format!("{:02}", y.rem_euclid(100)),
            'm' => format!("{m:02}"),
            'd' => format!("{d:02}"),
            'e' => format!("{d:>2}"),
            'H' => format!("{hh:02}"),
            'M' => format!("{mm:02}"),
            'S' => format!("{ss:02}"),
            'L' => format!("{mss:03}"),
            'j' => format!("{:03}", days - days_from_civil(y, 1, 1) + 1),
            'a' => weekday[..3].to_owned(),
            'A' => weekday.to_owned(),
            'b' => month[..3].to_owned(),
            'B' => month.to_owned(),
            'F' => format!("{y:04}-{m:02}-{d:02}"),
            'T' => format!("{hh:02}:{mm:02}:{ss:02}"),
            's' => ms.div_euclid(1000).to_string(),
            '%' => "%".to_owned(),
            other => return Err(format!("unknown format field `%{other}`")),
        };
        out.push_str(&text);
    }
    Ok(out)
}

/// Reads the ISO 8601 forms listed in the module docs into Unix milliseconds.
pub fn parse_iso(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !(1..=12).contains(&m)
        || d < 1
        || d > days_in_month(y, m)
    {
        return None;
    }
    let mut pos = 10;
    let (mut hh, mut mi, mut ss, mut ms) = (0, 0, 0, 0);
    if matches!(b.get(pos), Some(b'T' | b't' | b' ')) {
        hh = num(pos + 1, 2)?;
        if b.get(pos + 3) != Some(&b':') {
            return None;
        }
        mi = num(pos + 4, 2)?;
        pos += 6;
        if b.get(pos) == Some(&b':') {
            ss = num(pos + 1, 2)?;
            pos += 3;
            if b.get(pos) == Some(&b'.') {
                let start = pos + 1;
                let mut end = start;
                while b.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
                if end == start {
                    return None;
                }
                let digits = std::str::from_utf8(&b[start..end.min(start + 3)]).ok()?;
                ms = digits.parse::<i64>().ok()? * 10i64.pow(3 - digits.len() as u32);
                pos = end;
            }
        }
        if hh > 23 || mi > 59 || ss > 59 {
            return None;
        }
    }
    let offset_min = match b.get(pos) {
        None => 0,
        Some(b'Z' | b'z') if pos + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let oh = num(pos + 1, 2)?;
            let om = if b.get(pos + 3) == Some(&b':') {
                num(pos + 4, 2)?
            } else {
                num(pos + 3, 2)?
            };
            let end = if b.get(pos + 3) == Some(&b':') {
                pos + 6
            } else {
                pos + 5
            };
            if end != b.len() || oh > 23 || om > 59 {
                return None;
            }
            let total = oh * 60 + om;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let local = days_from_civil(y, m, d) * MS_PER_DAY + ((hh * 60 + mi) * 60 + ss) * 1000 + ms;
    Some(local - offset_min * 60_000)
}

/// A time argument: a millisecond number or an ISO string.
fn time_arg(c: &Call<'_>, i: usize) -> Result<i64, RuntimeError> {
    let ms = match c.arg(i) {
        Value::Int(n) => n,
        Value::Float(f) if f.is_finite() => f.floor() as i64,
        v @ Value::Str(_) => parse_iso(c.str_ref(i)?).ok_or_else(|| {
            diag::invalid_argument(c.name, format!("cannot read {} as a time", c.describe(v)))
        })?,
        v => {
            return Err(diag::type_error(
                c.name,
                "a timestamp or an ISO 8601 string",
                &c.describe(v),
            ));
        }
    };
    check_range(c.name, ms)
}

pub fn now(c: &mut Call<'_>) -> R {
    let ms = c.ctx.host().now_ms();
    let ms = check_range(c.name, ms)?;
    c.alloc_str(format_iso(ms))
}

pub fn format(c: &mut Call<'_>) -> R {
    let ms = time_arg(c, 0)?;
    let text = match c.arg(1) {
        Value::Null => format_iso(ms),
        _ => format_with(ms, c.str_ref(1)?).map_err(|why| diag::invalid_argument(c.name, why))?,
    };
    c.alloc_str(text)
}

pub fn parse(c: &mut Call<'_>) -> R {
    let ms = time_arg(c, 0).and_then(|ms| match c.arg(0) {
        Value::Str(_) => Ok(ms),
        v => Err(diag::type_error(c.name, "a string", &c.describe(v))),
    })?;
    c.alloc_str(format_iso(ms))
}

pub fn from_timestamp(c: &mut Call<'_>) -> R {
    let ms = match c.number(0)? {
        Value::Float(f) if !f.is_finite() => {
            return Err(diag::invalid_argument(c.name, "timestamp is not finite"));
        }
        _ => time_arg(c, 0)?,
    };
    c.alloc_str(format_iso(ms))
}

pub fn to_timestamp(c: &mut Call<'_>) -> R {
    c.str_ref(0)?;
    Ok(Value::Int(time_arg(c, 0)?))
}

pub fn offset(c: &mut Call<'_>) -> R {
    let amount = c.float(0)?;
    let unit = c.string(1)?;
    let base = if c.has(2) && c.arg(2) != Value::Null {
        time_arg(c, 2)?
    } else {
        check_range(c.name, c.ctx.host().now_ms())?
    };
    let bad = |why: String| diag::invalid_argument(c.name, why);
    let unit_ms: Option<f64> = match unit.as_str() {
        "ms" | "millisecond" | "milliseconds" => Some(1.0),
        "s" | "second" | "seconds" => Some(1e3),
        "m" | "minute" | "minutes" => Some(6e4),
        "h" | "hour" | "hours" => Some(3.6e6),
        "d" | "day" | "days" => Some(8.64e7),
        "w" | "week" | "weeks" => Some(6.048e8),
        "month" | "months" | "year" | "years" => None,
        other => return Err(bad(format!("unknown unit {other:?}"))),
    };
    let result = match unit_ms {
        Some(u) => {
            let delta = (amount * u).round();
            if !delta.is_finite() || delta.abs() > 1e15 {
                return Err(bad("offset is too large".to_owned()));
            }
            base + delta as i64
        }
        None => {
            if amount.fract() != 0.0 || amount.abs() > 1e6 {
                return Err(bad(format!(
                    "{unit} offsets must be whole numbers of reasonable size"
                )));
            }
            let months = amount as i64 * if unit.starts_with("year") { 12 } else { 1 };
            let days = base.div_euclid(MS_PER_DAY);
            let in_day = base.rem_euclid(MS_PER_DAY);
            let (y, m, d) = civil_from_days(days);
            let total = y * 12 + (m - 1) + months;
            let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
            let nd = d.min(days_in_month(ny, nm));
            days_from_civil(ny, nm, nd) * MS_PER_DAY + in_day
        }
    };
    let result = check_range(c.name, result)?;
    c.alloc_str(format_iso(result))
}
