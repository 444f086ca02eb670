//! Unit tests for values, the heap, display and JSON conversion.

use std::cmp::Ordering;

use super::*;

/// Builds a value from JSON text, displays it, and compares with `expect`.
fn check(input: &str, expect: &str) {
    let mut heap = Heap::new(1 << 20);
    let json: serde_json::Value = serde_json::from_str(input).unwrap();
    let v = from_json(&mut heap, &json).unwrap();
    assert_eq!(display(&heap, v), expect, "{input}");
}

#[test]
fn value_is_small() {
    assert!(std::mem::size_of::<Value>() <= 16);
}

#[test]
fn display_format() {
    check("3", "3");
    check("-7", "-7");
    check("3.0", "3.0");
    check("0.1", "0.1");
    check("1e21", "1e21");
    check("1e15", "1000000000000000.0");
    check("1e16", "1e16");
    check("0.0001", "0.0001");
    check("0.00001", "1e-5");
    check("null", "null");
    check("true", "true");
    check(r#""hi""#, "hi");
    check(
        r#"[1, "a", [2.5, null], {}]"#,
        r#"[1, "a", [2.5, null], {}]"#,
    );
    check(r#"{"b": 1, "a": "x"}"#, r#"{"b": 1, "a": "x"}"#);
    assert_eq!(format_float(f64::NAN), "NaN");
    assert_eq!(format_float(f64::NEG_INFINITY), "-Infinity");
    assert_eq!(format_float(-0.0), "-0.0");
}

#[test]
fn display_stops_at_cycles() {
    let mut heap = Heap::new(1 << 20);
    let list = heap.alloc_list(vec![Value::Int(1)]).unwrap();
    let Value::List(id) = list else {
        unreachable!()
    };
    heap.update(id, |obj| {
        if let HeapObj::List(items) = obj {
            items.push(list);
        }
    })
    .unwrap();
    assert_eq!(display(&heap, list), "[1, [...]]");
    assert_eq!(to_json_strict(&heap, list).unwrap_err().code, "E5022");
}

#[test]
fn json_round_trip_keeps_ints_and_order() {
    let mut heap = Heap::new(1 << 20);
    let text = r#"{"z":1,"a":[1,2.0,"s",null,true]}"#;
    let json: serde_json::Value = serde_json::from_str(text).unwrap();
    let v = from_json(&mut heap, &json).unwrap();
    assert_eq!(to_json_strict(&heap, v).unwrap().to_string(), text);
}

#[test]
fn truthiness_per_language() {
    let mut heap = Heap::new(1 << 20);
    let empty_str = heap.alloc_str("").unwrap();
    let empty_list = heap.alloc_list(vec![]).unwrap();
    let nan = Value::Float(f64::NAN);
    let t = |v, truth| heap.truthy(v, truth);
    // IR: 0, "" false; NaN and empty lists true.
    assert!(!t(Value::Int(0), Truth::Ir));
    assert!(!t(empty_str, Truth::Ir));
    assert!(t(nan, Truth::Ir));
    assert!(t(empty_list, Truth::Ir));
    // JS: NaN false.
    assert!(!t(nan, Truth::Js));
    assert!(t(empty_list, Truth::Js));
    // Lua: only null and false.
    assert!(t(Value::Int(0), Truth::Lua));
    assert!(t(empty_str, Truth::Lua));
    assert!(!t(Value::Null, Truth::Lua));
    // Python: empty containers false, NaN true.
    assert!(!t(empty_list, Truth::Py));
    assert!(t(nan, Truth::Py));
    assert!(!t(Value::Float(0.0), Truth::Py));
}

#[test]
fn numbers_compare_exactly() {
    let big = (1i64 << 53) + 1;
    assert_eq!(
        num::cmp_numbers(Value::Int(big), Value::Float((1i64 << 53) as f64)),
        Some(Ordering::Greater)
    );
    assert_eq!(
        num::cmp_numbers(Value::Int(1), Value::Float(1.0)),
        Some(Ordering::Equal)
    );
    assert_eq!(
        num::cmp_numbers(Value::Int(1), Value::Float(1.5)),
        Some(Ordering::Less)
    );
    assert_eq!(
        num::cmp_numbers(Value::Int(-2), Value::Float(-1.5)),
        Some(Ordering::Less)
    );
    assert_eq!(
        num::cmp_numbers(Value::Int(i64::MAX), Value::Float(9.3e18)),
        Some(Ordering::Less)
    );
    assert_eq!(
        num::cmp_numbers(Value::Int(0), Value::Float(f64::NAN)),
        None
    );
}

#[test]
fn heap_limit_is_a_clean_error() {
    let mut heap = Heap::new(100);
    let e = heap.alloc_str("x".repeat(200)).unwrap_err();
    assert_eq!(e.code, "E5003");
    assert_eq!(heap.check_room(usize::MAX).unwrap_err().code, "E5003");
    assert_eq!(heap.bytes(), 0);
}

#[test]
fn collection_frees_unreachable_and_keeps_reachable() {
    let mut heap = Heap::new(1 << 20);
    let kept_str = heap.alloc_str("kept").unwrap();
    let inner = heap.alloc_list(vec![kept_str]).unwrap();
    let mut map = ObjMap::new();
    map.set("k", inner);
    let root = heap.alloc_obj(map).unwrap();
    let garbage = heap.alloc_str("garbage").unwrap();
    // A cycle with no root is garbage too.
    let cyc = heap.alloc_list(vec![]).unwrap();
    let Value::List(cid) = cyc else {
        unreachable!()
    };
    heap.update(cid, |o| {
        if let HeapObj::List(items) = o {
            items.push(cyc);
        }
    })
    .unwrap();
    assert_eq!(heap.live(), 5);
    heap.collect([root]);
    assert_eq!(heap.live(), 3);
    assert_eq!(heap.str(kept_str), Some("kept"));
    assert!(heap.str(garbage).is_none());
    // Freed slots are reused, and the byte count matches the survivors.
    let expect: usize = [root, inner, kept_str]
        .iter()
        .map(|v| heap.get(v.heap_ref().unwrap()).unwrap().size())
        .sum();
    assert_eq!(heap.bytes(), expect);
    let again = heap.alloc_str("new").unwrap();
    assert!(again.heap_ref().unwrap() < 5);
}

#[test]
fn heap_and_values_serialise_with_non_finite_floats() {
    let mut heap = Heap::new(1 << 20);
    let l = heap
        .alloc_list(vec![
            Value::Float(f64::NAN),
            Value::Float(f64::INFINITY),
            Value::Int(3),
        ])
        .unwrap();
    let text = serde_json::to_string(&heap).unwrap();
    let back: Heap = serde_json::from_str(&text).unwrap();
    let items = back.list(l).unwrap();
    assert!(matches!(items[0], Value::Float(f) if f.is_nan()));
    assert_eq!(items[1], Value::Float(f64::INFINITY));
    assert_eq!(items[2], Value::Int(3));
}

#[test]
fn test_host_is_deterministic() {
    let mut a = TestHost::new();
    let mut b = TestHost::new();
    let xs: Vec<f64> = (0..5).map(|_| a.random()).collect();
    let ys: Vec<f64> = (0..5).map(|_| b.random()).collect();
    assert_eq!(xs, ys);
    assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
    assert_ne!(xs[0], xs[1]);
    a.log("hello");
    assert_eq!(a.logs, vec!["hello".to_owned()]);
    assert_eq!(a.now_ms(), 1_704_067_200_000);
}
