/**
 * JSON responses as UTF-8 bytes, the same bytes as `Buffer.from(JSON.stringify(value))`, with the
 * bytes of deeply frozen parts encoded once and reused.
 *
 * Why: a match preview is ~20 KB of JSON, nearly all of it criteria, labels, hints and limits the
 * engine builds once and shares, frozen, between answers. Stringified whole on every request, the
 * text was then measured (content-length) and encoded to UTF-8 in the socket write, Chinese making
 * it a two-byte string: together about a quarter of the preview's CPU in a profile under the HTTP
 * bench, more than the engine. Frozen plain data cannot change, so its bytes are kept beside it (a
 * WeakMap: they go when it does) and only what a request builds is written anew. Where little is
 * frozen this is slower than JSON.stringify (about twice, in JavaScript rather than C++), so only
 * the hot routes use it (see setupApp).
 */

/**
 * The JSON of a frozen object or array, or null when it holds something that could still change:
 * as a string when it is short and ASCII (appended to the text like a key, which costs less than
 * copying a few bytes on their own: empty lists, outlooks), otherwise as its UTF-8 bytes.
 */
const encoded = new WeakMap<object, string | Buffer | null>();
const TEXT_PART_MAX_LENGTH = 256;

/** Past this nesting the rest goes to JSON.stringify, which reports a cycle as it always did. */
const MAX_DEPTH = 64;

/**
 * JSON texts of short strings met before, keys and values: an answer's keys, codes and statuses
 * repeat on every request, and a call to JSON.stringify per key or string took most of the time
 * spent outside the cached bytes. Bounded: emptied when full, and longer strings are not kept.
 */
const stringTexts = new Map<string, string>();
const STRING_TEXTS_MAX = 2048;
const CACHED_STRING_MAX_LENGTH = 64;

function stringText(s: string): string {
  if (s.length > CACHED_STRING_MAX_LENGTH) return JSON.stringify(s);
  let text = stringTexts.get(s);
  if (text === undefined) {
    text = JSON.stringify(s);
    if (stringTexts.size >= STRING_TEXTS_MAX) stringTexts.clear();
    stringTexts.set(s, text);
  }
  return text;
}

/**
 * An answer is written into one buffer as it goes: the text since the last cached bytes is
 * encoded into it, then those bytes copied after it. Kept in pieces until the end instead, each
 * piece was measured (Buffer.byteLength) and then written, two native calls per piece, and the
 * whole copied once more. The buffer is sized for the previous answer (plus a quarter), grown
 * when that is short, and handed out as it is: the bytes past the answer are not sent.
 */
let expectedBytes = 16 * 1024;
/** The most bytes a UTF-16 code unit takes in UTF-8 (a surrogate pair: 4 for 2). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

class Output {
  text = '';
  private buf = Buffer.allocUnsafe(expectedBytes);
  private at = 0;

  bytes(b: Buffer): void {
    this.flush();
    this.reserve(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  finish(): Buffer {
    this.flush();
    expectedBytes = Math.ceil(this.at * 1.25);
    return this.buf.subarray(0, this.at);
  }

  private flush(): void {
    if (this.text === '') return;
    this.reserve(this.text.length * MAX_UTF8_BYTES_PER_UNIT);
    this.at += this.buf.write(this.text, this.at);
    this.text = '';
  }

  private reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

const isPlain = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Array.isArray(v);
};

/**
 * Whether `v` is frozen plain data all the way down: frozen plain objects and arrays whose own
 * properties are all data properties holding strings, numbers, booleans, null, undefined or more
 * of the same. Such a value stringifies the same forever.
 */
function isFrozenData(v: object, depth: number): boolean {
  if (depth > MAX_DEPTH || !Object.isFrozen(v) || !isPlain(v)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) {
    if (!('value' in d)) return false;
    const x: unknown = d.value;
    if (typeof x === 'object' && x !== null) {
      if (!isFrozenData(x, depth + 1)) return false;
    } else if (typeof x === 'function' || typeof x === 'symbol' || typeof x === 'bigint') {
      return false;
    }
  }
  return true;
}

/** The cached JSON of `v` (see `encoded`) when it is frozen plain data, computing it the first time. */
function cachedJson(v: object): string | Buffer | null {
  let json = encoded.get(v);
  if (json === undefined) {
    json = null;
    if (isFrozenData(v, 0)) {
      const text = JSON.stringify(v);
      const bytes = Buffer.from(text);
      json = text.length <= TEXT_PART_MAX_LENGTH && bytes.length === text.length ? text : bytes;
    }
    encoded.set(v, json);
  }
  return json;
}

/**
 * Writes `value` as JSON.stringify would; returns false, writing nothing, for what it leaves out
 * of an object (undefined, functions, symbols). Objects that are not plain (class instances,
 * dates, maps, boxed primitives) and values with a toJSON go to JSON.stringify itself.
 */
function write(value: unknown, out: Output, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      out.text += stringText(value);
      return true;
    case 'number':
      // What JSON.stringify writes for a number: its ToString when finite, else null.
      out.text += Number.isFinite(value) ? String(value) : 'null';
      return true;
    case 'boolean':
      out.text += value ? 'true' : 'false';
      return true;
    case 'bigint': // throws, as JSON.stringify does
      out.text += JSON.stringify(value);
      return true;
    case 'object':
      break;
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
  }
  if (value === null) {
    out.text += 'null';
    return true;
  }
  if (
    depth > MAX_DEPTH ||
    !isPlain(value) ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) return false;
    out.text += text;
    return true;
  }
  if (Object.isFrozen(value)) {
    const json = cachedJson(value);
    if (typeof json === 'string') {
      out.text += json;
      return true;
    }
    if (json !== null) {
      out.bytes(json);
      return true;
    }
  }
  if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.text += ',';
      if (!write(value[i], out, depth + 1)) out.text += 'null';
    }
    out.text += ']';
    return true;
  }
  out.text += '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    // Written before the value, and taken back when the value turns out to be left out (a
    // toJSON giving undefined; nothing else has been written then).
    const mark = out.text.length;
    out.text += first ? `${stringText(key)}:` : `,${stringText(key)}:`;
    if (write(v, out, depth + 1)) first = false;
    else out.text = out.text.slice(0, mark);
  }
  out.text += '}';
  return true;
}

/**
 * `Buffer.from(JSON.stringify(value))`, reusing the bytes of frozen plain data (see the file
 * comment). One difference: a toJSON method is called with the key '' rather than its property
 * name (Date's ignores it; no response of ours has another). Undefined for what JSON.stringify
 * gives undefined for.
 */
export function jsonBytes(value: unknown): Buffer | undefined {
  const out = new Output();
  if (!write(value, out, 0)) return undefined;
  return out.finish();
}
