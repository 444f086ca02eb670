// Map and Set for scripts, written in the JavaScript Weft compiles and included in a
// program that uses either. Entries live in insertion order in two arrays; an object maps
// each key's identity (js.global("map_key", k): a number's value, a string's text, an
// object's heap identity) to its slot. A deleted entry leaves a hole that iteration skips;
// the arrays are compacted once holes outnumber entries.
const HOLE = {};

function compact(keys, vals, index) {
  let j = 0;
  for (let i = 0; i < keys.length; i += 1) {
    if (keys[i] !== HOLE) {
      keys[j] = keys[i];
      vals[j] = vals[i];
      obj.set(index, js.global("map_key", keys[j]), j);
      j += 1;
    }
  }
  keys.length = j;
  vals.length = j;
}

class Map {
  #index = {};
  #keys = [];
  #vals = [];
  #live = 0;
  constructor(entries) {
    if (entries !== null) {
      for (const e of entries) {
        this.set(e[0], e[1]);
      }
    }
  }
  get size() {
    return this.#live;
  }
  has(k) {
    return obj.has(this.#index, js.global("map_key", k));
  }
  get(k) {
    const slot = obj.get(this.#index, js.global("map_key", k), null);
    return slot === null ? null : this.#vals[slot];
  }
  set(k, v) {
    if (k === 0) {
      k = 0; // -0 is stored as 0
    }
    const key = js.global("map_key", k);
    const slot = obj.get(this.#index, key, null);
    if (slot === null) {
      obj.set(this.#index, key, this.#keys.length);
      this.#keys.push(k);
      this.#vals.push(v);
      this.#live += 1;
    } else {
      this.#vals[slot] = v;
    }
    return this;
  }
  delete(k) {
    const key = js.global("map_key", k);
    const slot = obj.get(this.#index, key, null);
    if (slot === null) {
      return false;
    }
    obj.del(this.#index, key);
    this.#keys[slot] = HOLE;
    this.#vals[slot] = null;
    this.#live -= 1;
    if (this.#keys.length > 32 && this.#live * 2 < this.#keys.length) {
      compact(this.#keys, this.#vals, this.#index);
    }
    return true;
  }
  clear() {
    this.#index = {};
    this.#keys = [];
    this.#vals = [];
    this.#live = 0;
  }
  forEach(f) {
    for (let i = 0; i < this.#keys.length; i += 1) {
      if (this.#keys[i] !== HOLE) {
        f(this.#vals[i], this.#keys[i], this);
      }
    }
  }
  keys() {
    return this.#keys.filter((k) => k !== HOLE);
  }
  values() {
    return this.#vals.filter((v, i) => this.#keys[i] !== HOLE);
  }
  entries() {
    const out = [];
    for (let i = 0; i < this.#keys.length; i += 1) {
      if (this.#keys[i] !== HOLE) {
        out.push([this.#keys[i], this.#vals[i]]);
      }
    }
    return out;
  }
  ["%iter"]() {
    return this.entries();
  }
}

class Set {
  #map = new Map(null);
  constructor(values) {
    if (values !== null) {
      for (const v of values) {
        this.add(v);
      }
    }
  }
  get size() {
    return this.#map.size;
  }
  has(v) {
    return this.#map.has(v);
  }
  add(v) {
    this.#map.set(v, v);
    return this;
  }
  delete(v) {
    return this.#map.delete(v);
  }
  clear() {
    this.#map.clear();
  }
  forEach(f) {
    this.#map.forEach((v) => f(v, v, this));
  }
  values() {
    return this.#map.keys();
  }
  keys() {
    return this.#map.keys();
  }
  entries() {
    return this.#map.keys().map((v) => [v, v]);
  }
  ["%iter"]() {
    return this.#map.keys();
  }
}
