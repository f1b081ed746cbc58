/**
 * Scalar resolution exactly as kubectl reads YAML: go-yaml v2 (`go.yaml.in/yaml/v2` v2.4.2 = `gopkg.in/yaml.v2`
 * v2.4.0, which `sigs.k8s.io/yaml` uses), decoding into `interface{}`. Every rule below is from go-yaml v2's
 * `resolve.go` (`resolve`, `resolveTable`, `resolveMapList`, `yamlStyleFloat`) and `decode.go` (`scalar`), with Go's
 * `strconv.ParseInt`/`ParseUint`/`ParseFloat` semantics.
 *
 * - Plain scalars: the resolve table (`y Y yes Yes YES true True TRUE on On ON` → true, the `n`/`no`/`false`/`off`
 *   family → false, `"" ~ null Null NULL` → null, `.nan`/`.inf` families → floats), then for a first character that
 *   is a digit or sign: `strconv.ParseInt(in with every '_' removed, 0, 64)` (so `0x1F`, `0o17`, `017` octal, `0b101`,
 *   `1_000`), `ParseUint`, then `yamlStyleFloat` + `ParseFloat`, then the explicit `0b`/`-0b` branches; a first
 *   character `.` tries `ParseFloat(in)`. Anything else is a string. Base-60 (`1:30`) is "purposefully unsupported".
 * - Timestamps (`2001-12-14`) resolve to `!!timestamp` but decode into `interface{}` as their text (decode.go
 *   "for backward compatibility reasons we set it as a string").
 * - Quoted and block scalars without a tag are strings. `!!str` keeps the text, `!!binary` is base64-decoded to a
 *   string, `!!int`/`!!float`/`!!bool`/`!!null`/`!!timestamp` must resolve to that kind (`!!float` accepts an int),
 *   any other tag (`!foo`, `!`, `!!map` on a scalar) leaves the text as a string.
 */

export const TAG_PREFIX = 'tag:yaml.org,2002:';
export const STR_TAG = `${TAG_PREFIX}str`;
export const BOOL_TAG = `${TAG_PREFIX}bool`;
export const INT_TAG = `${TAG_PREFIX}int`;
export const FLOAT_TAG = `${TAG_PREFIX}float`;
export const NULL_TAG = `${TAG_PREFIX}null`;
export const TIMESTAMP_TAG = `${TAG_PREFIX}timestamp`;
export const BINARY_TAG = `${TAG_PREFIX}binary`;
export const MERGE_TAG = `${TAG_PREFIX}merge`;

/** The Go type a scalar decodes to in `interface{}`; it decides how a map key becomes a JSON key. */
export type GoKind = 'null' | 'bool' | 'int' | 'uint' | 'float' | 'string';

/** The result of resolving one scalar: its Go kind and the JSON value it becomes. Reused, not allocated. */
export interface Resolved {
  kind: GoKind;
  value: unknown;
  /** For `int`/`uint`: the exact integer (map keys print it exactly, beyond 2^53). */
  integer: bigint | undefined;
  /** Set when go-yaml refuses the scalar (a tag it cannot satisfy, bad base64): the error text. */
  error: string | undefined;
}

export function newResolved(): Resolved {
  return { kind: 'null', value: null, integer: undefined, error: undefined };
}

const TRUE_WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE_WORDS = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL_WORDS = ['', '~', 'null', 'Null', 'NULL'];

/** go-yaml v2 `resolveMap`: exact words only (no `tRUE`, no `yES`). */
const RESOLVE_MAP = new Map<string, { kind: GoKind; value: unknown; tag: string }>();
for (const word of TRUE_WORDS) RESOLVE_MAP.set(word, { kind: 'bool', value: true, tag: BOOL_TAG });
for (const word of FALSE_WORDS) RESOLVE_MAP.set(word, { kind: 'bool', value: false, tag: BOOL_TAG });
for (const word of NULL_WORDS) RESOLVE_MAP.set(word, { kind: 'null', value: null, tag: NULL_TAG });
for (const word of ['.nan', '.NaN', '.NAN'])
  RESOLVE_MAP.set(word, { kind: 'float', value: Number.NaN, tag: FLOAT_TAG });
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  RESOLVE_MAP.set(word, { kind: 'float', value: Number.POSITIVE_INFINITY, tag: FLOAT_TAG });
for (const word of ['-.inf', '-.Inf', '-.INF'])
  RESOLVE_MAP.set(word, { kind: 'float', value: Number.NEGATIVE_INFINITY, tag: FLOAT_TAG });

/** go-yaml v2 `resolveTable`: the hint of a scalar's first byte. */
function hintOf(text: string): 'S' | 'D' | 'M' | '.' | undefined {
  if (text === '') return 'M'; // resolve(): `hint := byte('N')` for "", a map lookup (→ null)
  const c = text.charCodeAt(0);
  if (c === 43 || c === 45) return 'S'; // + -
  if (c >= 48 && c <= 57) return 'D';
  if (c === 46) return '.';
  // yYnNtTfFoO~
  switch (c) {
    case 121:
    case 89:
    case 110:
    case 78:
    case 116:
    case 84:
    case 102:
    case 70:
    case 111:
    case 79:
    case 126:
      return 'M';
    default:
      return undefined;
  }
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go `strconv.ParseUint(s, 0, 64)`: base prefixes 0b/0o/0x (any case), a leading 0 means octal; no sign. */
function parseUintBase0(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10;
  let digits = s;
  if (s.charCodeAt(0) === 48) {
    const second = s.length >= 3 ? s[1]!.toLowerCase() : '';
    if (second === 'b') {
      base = 2;
      digits = s.slice(2);
    } else if (second === 'o') {
      base = 8;
      digits = s.slice(2);
    } else if (second === 'x') {
      base = 16;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  return parseDigits(digits, base);
}

/** Go `strconv.ParseUint(s, base, 64)` for a fixed base: digits only, no prefix, no sign. */
function parseDigits(digits: string, base: number): bigint | undefined {
  // Go accepts an empty digit string after a base-0 octal '0' ("0" → 0) but not for an explicit base.
  let value = 0n;
  const bigBase = BigInt(base);
  for (let index = 0; index < digits.length; index++) {
    const code = digits.charCodeAt(index);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (code >= 97 && code <= 122) digit = code - 87;
    else if (code >= 65 && code <= 90) digit = code - 55;
    else return undefined;
    if (digit >= base) return undefined;
    value = value * bigBase + BigInt(digit);
    if (value > UINT64_MAX) return undefined;
  }
  return value;
}

/** Go `strconv.ParseInt(s, 0, 64)`. */
function parseIntBase0(s: string): bigint | undefined {
  let negative = false;
  let rest = s;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s[0] === '-';
    rest = s.slice(1);
  }
  const magnitude = parseUintBase0(rest);
  if (magnitude === undefined) return undefined;
  if (!negative && magnitude > INT64_MAX) return undefined;
  if (negative && magnitude > INT64_MAX + 1n) return undefined;
  return negative ? -magnitude : magnitude;
}

/** go-yaml v2 `yamlStyleFloat`. Linear: no nested quantifiers. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/**
 * What Go's `strconv.ParseFloat` accepts for a string that starts with `.` (the resolver's '.' hint): digits with
 * `_` only between digits (`underscoreOK`), an optional exponent.
 */
const GO_DOT_FLOAT = /^\.[0-9]+(_[0-9]+)*([eE][-+]?[0-9]+(_[0-9]+)*)?$/;

/** Go `strconv.ParseFloat(s, 64)` on an already well-formed decimal: undefined on overflow (ErrRange). */
function parseFloat64(s: string): number | undefined {
  const value = Number(s.includes('_') ? s.replaceAll('_', '') : s);
  return Number.isFinite(value) ? value : undefined;
}

const SMALL_DECIMAL = /^(0|[1-9][0-9]{0,14})$/;

function setInteger(out: Resolved, value: bigint): void {
  // go-yaml: int64 → int (64-bit), uint64 only when it does not fit int64.
  out.kind = value > INT64_MAX ? 'uint' : 'int';
  out.value = Number(value);
  out.integer = value;
}

/**
 * go-yaml v2 `resolve("", in)` for a plain scalar without a tag, into `out`. The hot path of the reader: plain words
 * and small decimal numbers return without regular expressions or allocation.
 */
export function resolvePlain(text: string, out: Resolved): void {
  out.error = undefined;
  out.integer = undefined;
  const hint = hintOf(text);
  if (hint === undefined) {
    setString(out, text);
    return;
  }
  const mapped = RESOLVE_MAP.get(text);
  if (mapped) {
    out.kind = mapped.kind;
    out.value = mapped.value;
    return;
  }
  if (hint === 'M') {
    setString(out, text);
    return;
  }
  if (hint === '.') {
    const float = GO_DOT_FLOAT.test(text) ? parseFloat64(text) : undefined;
    if (float !== undefined) {
      out.kind = 'float';
      out.value = float;
      return;
    }
    setString(out, text);
    return;
  }
  // 'D' or 'S': timestamp (decodes to its text, like a string), int, uint, float, 0b.
  if (SMALL_DECIMAL.test(text)) {
    out.kind = 'int';
    out.value = Number(text);
    out.integer = BigInt(out.value as number);
    return;
  }
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  const integer = parseIntBase0(plain) ?? parseUintBase0(plain);
  if (integer !== undefined) {
    setInteger(out, integer);
    return;
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = parseFloat64(plain);
    if (float !== undefined) {
      out.kind = 'float';
      out.value = float;
      return;
    }
  }
  // resolve() then tries explicit `0b`/`-0b` branches (strconv.ParseInt(plain[2:], 2, 64)); with Go 1.13+ base-0
  // parsing already accepts every 0b form they accept, so nothing is left for them.
  setString(out, text);
}

function setString(out: Resolved, text: string): void {
  out.kind = 'string';
  out.value = text;
}

/** go-yaml v2 `parseTimestamp` (the accepted layouts of `allowedTimestampFormats`), for explicit `!!timestamp`. */
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

function isTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match) return false;
  const [, year, month, day, separator, hour, minute, second, , zone] = match;
  // "2006-1-2 15:4:5.999999999" has no zone; the T/t layouts require one (Z07:00).
  if (separator === ' ' && zone !== undefined) return false;
  if ((separator === 'T' || separator === 't') && zone === undefined) return false;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (d > days) return false;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)) return false;
  return true;
}

const TAG_NAMES: Record<string, string> = {
  [STR_TAG]: '!!str',
  [BOOL_TAG]: '!!bool',
  [INT_TAG]: '!!int',
  [FLOAT_TAG]: '!!float',
  [NULL_TAG]: '!!null',
  [TIMESTAMP_TAG]: '!!timestamp',
  [BINARY_TAG]: '!!binary',
};

function shortTag(tag: string): string {
  return Object.hasOwn(TAG_NAMES, tag) ? TAG_NAMES[tag]! : tag;
}

function kindTag(kind: GoKind): string {
  switch (kind) {
    case 'null':
      return NULL_TAG;
    case 'bool':
      return BOOL_TAG;
    case 'int':
    case 'uint':
      return INT_TAG;
    case 'float':
      return FLOAT_TAG;
    default:
      return STR_TAG;
  }
}

/**
 * go-yaml v2 `decoder.scalar` into `interface{}` for a scalar with an explicit tag (`tag` is the full tag:
 * `tag:yaml.org,2002:int`, `!foo`, `!`), or a quoted/block scalar without one (`tag` empty, `plain` false).
 */
export function resolveTagged(tag: string, text: string, plain: boolean, out: Resolved): void {
  out.error = undefined;
  out.integer = undefined;
  // `n.tag == "" && !n.implicit`: quoted or block scalar without a tag → the string as written.
  if (tag === '' && !plain) {
    setString(out, text);
    return;
  }
  if (tag === '') {
    resolvePlain(text, out);
    return;
  }
  if (tag === BINARY_TAG) {
    const decoded = decodeBase64(text);
    if (decoded === undefined) {
      out.error = '!!binary value contains invalid base64 data';
      setString(out, text);
      return;
    }
    setString(out, decoded);
    return;
  }
  // resolvableTag: "", !!str, !!bool, !!int, !!float, !!null, !!timestamp; anything else keeps the text.
  if (tag === STR_TAG) {
    setString(out, text);
    return;
  }
  if (tag !== BOOL_TAG && tag !== INT_TAG && tag !== FLOAT_TAG && tag !== NULL_TAG && tag !== TIMESTAMP_TAG) {
    setString(out, text);
    return;
  }
  if (tag === TIMESTAMP_TAG && hintOf(text) !== undefined && isTimestamp(text)) {
    setString(out, text);
    return;
  }
  resolvePlain(text, out);
  const resolvedTag = kindTag(out.kind);
  if (resolvedTag === tag) return;
  // The deferred check of resolve(): !!float accepts an int (converted), anything else mismatching fails.
  if (tag === FLOAT_TAG && resolvedTag === INT_TAG && out.kind === 'int') {
    out.kind = 'float';
    out.integer = undefined;
    return;
  }
  out.error = `cannot decode ${shortTag(resolvedTag)} \`${text}\` as a ${shortTag(tag)}`;
}

/**
 * Go `base64.StdEncoding.DecodeString`: padded standard alphabet; `\r` and `\n` are skipped anywhere. The bytes
 * become a Go string, which encoding/json writes as UTF-8 with invalid bytes replaced (U+FFFD).
 */
function decodeBase64(text: string): string | undefined {
  const clean = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text;
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean))
    return undefined;
  return Buffer.from(clean, 'base64').toString('utf8');
}

/**
 * `sigs.k8s.io/yaml` `convertToJSONableObject`: how a resolved map key becomes a JSON object key. Strings stay,
 * ints print in decimal, floats with `strconv.FormatFloat(f, 'g', -1, 32)` (.inf, -.inf, .nan for the specials),
 * bools as true/false. A null or uint64 key is refused ("unsupported map key of type").
 */
export function jsonKeyOf(
  kind: GoKind,
  value: unknown,
  integer: bigint | undefined,
): string | { error: string } {
  switch (kind) {
    case 'string':
      return value as string;
    case 'int':
      return (integer ?? BigInt(value as number)).toString();
    case 'bool':
      return value ? 'true' : 'false';
    case 'float':
      return formatFloat32G(value as number);
    case 'uint':
      return { error: 'unsupported map key of type: uint64' };
    default:
      return { error: 'unsupported map key of type: <nil>' };
  }
}

/** Go `strconv.FormatFloat(f, 'g', -1, 32)` with go-yaml's names for the specials. */
export function formatFloat32G(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Number.POSITIVE_INFINITY) return '.inf';
  if (value === Number.NEGATIVE_INFINITY) return '-.inf';
  const single = Math.fround(value);
  if (!Number.isFinite(single)) return single > 0 ? '.inf' : '-.inf';
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  const negative = single < 0;
  const magnitude = Math.abs(single);
  // Shortest decimal that reads back as the same float32.
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const text = magnitude.toExponential(precision - 1);
    if (Math.fround(Number(text)) === magnitude) {
      const [mantissa, exp] = text.split('e');
      digits = mantissa!.replace('.', '');
      exponent = Number(exp);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  // %e when the exponent is < -4 or >= 6 (the shortest-precision rule of Go's 'g'), else %f.
  let text: string;
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exponent < 0 ? '-' : '+';
    const abs = Math.abs(exponent);
    text = `${mantissa}e${sign}${abs < 10 ? `0${abs}` : abs}`;
  } else if (exponent >= 0) {
    const integerDigits = exponent + 1;
    text =
      digits.length <= integerDigits
        ? digits + '0'.repeat(integerDigits - digits.length)
        : `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
  } else {
    text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return negative ? `-${text}` : text;
}
