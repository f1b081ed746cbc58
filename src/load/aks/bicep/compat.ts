/**
 * Bicep syntax newer than the grammar aksguard ships (tree-sitter-bicep 1.1.0), rewritten before parsing into
 * text of the same length, so every line and column stays where the author wrote it:
 *
 * - `extension NAME [with {...}] [as ALIAS]` statements (Bicep 0.30, the successor of `provider`/`import 'x@1'`)
 *   are blanked: they bring resource types of other providers, never a value aksguard reads;
 * - the spread operator `...expr` (Bicep 0.27) becomes `__:expr` inside an object and `   expr` inside an array;
 *   the positions are recorded so the evaluator spreads them;
 * - the safe index `x[?i]` (Bicep 0.26) becomes `x[ i]`, recorded as safe;
 * - resource-derived types (`resourceInput<'T@V'>.properties.x`, Bicep 0.34; `resource<'T@V'>`) become
 *   `object` and spaces: the grammar cannot read them followed by `?`, and types are not evaluated;
 * - the non-null assertion `expr!` (docs "Bicep accessor operators": a postfix `!` right after an expression,
 *   never `!=`/`!~`), which the grammar reads only before `.` and at the end of a `var`, becomes a space: it only
 *   tells the type checker a value is not null and never changes it;
 * - the type of a typed variable `var NAME TYPE = value` (Bicep CLI 0.36, docs "Variables in Bicep") becomes
 *   spaces: types are not evaluated;
 * - a string part starting with `//` or `/*` (`'//https://...'`), which the grammar reads as a comment, gets a
 *   control character in place of its first `/`;
 * - in a `.bicepparam` file, `param NAME = value` (no type, which the grammar requires) becomes `var   NAME = value`,
 *   recorded as a parameter assignment.
 *
 * Strings (with their `${...}` interpolations), multi-line strings and comments are skipped exactly as the Bicep
 * lexer reads them, so nothing inside them is rewritten.
 */
export interface CompatResult {
  /** The text to parse: same length and same line breaks as the input. */
  text: string;
  /** Offsets of the `__` key written for an object spread. */
  objectSpreads: Set<number>;
  /** Offsets of the first character of each array element that was spread. */
  arraySpreads: Set<number>;
  /** Offsets of the `[` of each safe index `[?`. */
  safeIndexes: Set<number>;
  /** Offsets of each `param` keyword of a `.bicepparam` file (now `var`). */
  paramAssignments: Set<number>;
  /** Lines (1-based) of blanked `extension` statements. */
  extensions: number[];
  /** Offsets of the non-null assertions `!` made spaces. */
  nonNullAssertions: Set<number>;
}

type Frame = '{' | '[' | '(' | 'interpolation';

export function rewriteForGrammar(source: string, bicepparam: boolean): CompatResult {
  const out = source.split('');
  const result: CompatResult = {
    text: source,
    objectSpreads: new Set(),
    arraySpreads: new Set(),
    safeIndexes: new Set(),
    paramAssignments: new Set(),
    extensions: [],
    nonNullAssertions: new Set(),
  };
  const stack: Frame[] = [];
  let line = 1;
  let atLineStart = true;
  /** Set while an `extension` statement is blanked: it ends at the first line break at depth 0. */
  let blanking = false;
  /** The last character of code read (outside comments and whitespace; `'` after a string). */
  let previous = '';
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };

  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      line++;
      atLineStart = true;
      if (blanking && stack.length === 0) blanking = false;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    // Comments.
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let k = i; k < stop; k++) if (source[k] === '\n') line++;
      i = stop;
      continue;
    }
    const lineStart = atLineStart;
    atLineStart = false;
    // Multi-line string: no escapes, no interpolation.
    if (c === "'" && source.startsWith("'''", i)) {
      const end = source.indexOf("'''", i + 3);
      const stop = end === -1 ? n : end + 3;
      for (let k = i; k < stop; k++) if (source[k] === '\n') line++;
      if (blanking) blank(i, stop);
      i = stop;
      previous = "'";
      continue;
    }
    if (c === "'") {
      const stop = skipString(source, i, stack, out);
      if (blanking) blank(i, stop);
      i = stop;
      previous = source[stop - 1] === "'" ? "'" : '{';
      continue;
    }
    if (c === '}' && stack[stack.length - 1] === 'interpolation') {
      // The end of a `${...}`: the string resumes.
      stack.pop();
      const stop = skipString(source, i, stack, out, true);
      if (blanking) blank(i, stop);
      i = stop;
      previous = source[stop - 1] === "'" ? "'" : '{';
      continue;
    }
    if (
      c === '!' &&
      !blanking &&
      source[i + 1] !== '=' &&
      source[i + 1] !== '~' &&
      (previous === ')' || previous === ']' || previous === "'" || isWordPart(previous.charCodeAt(0))) &&
      previous === source[i - 1]
    ) {
      // A non-null assertion: right after the expression it asserts (a prefix `!` follows an operator or `(`).
      result.nonNullAssertions.add(i);
      out[i] = ' ';
      i++;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      if (c === '[' && source[i + 1] === '?') {
        result.safeIndexes.add(i);
        out[i + 1] = ' ';
      }
      stack.push(c);
      if (blanking) blank(i, i + 1);
      previous = c;
      i++;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      stack.pop();
      if (blanking) blank(i, i + 1);
      previous = c;
      i++;
      continue;
    }
    if (c === '.' && source.startsWith('...', i) && !blanking) {
      const top = stack[stack.length - 1];
      if (top === '{') {
        result.objectSpreads.add(i);
        out[i] = '_';
        out[i + 1] = '_';
        out[i + 2] = ':';
      } else if (top === '[') {
        out[i] = ' ';
        out[i + 1] = ' ';
        out[i + 2] = ' ';
        let k = i + 3;
        while (k < n && isSpace(source.charCodeAt(k))) k++;
        result.arraySpreads.add(k);
      }
      i += 3;
      continue;
    }
    if (isWordStart(source.charCodeAt(i))) {
      let k = i + 1;
      while (k < n && isWordPart(source.charCodeAt(k))) k++;
      const word = source.slice(i, k);
      if (/^resource(Input|Output)?$/.test(word) && source[k] === '<') {
        // A resource-derived type (`resourceInput<'T@V'>.properties.x`, Bicep 0.34): the grammar cannot follow one
        // with `?`, and types are never evaluated, so the whole type becomes `object`.
        const end = resourceTypeEnd(source, k);
        if (end > 0) {
          for (let m = i; m < end; m++) out[m] = m - i < 6 ? 'object'[m - i]! : ' ';
          i = end;
          continue;
        }
      }
      if (stack.length === 0 && lineStart && isSpace(source.charCodeAt(k))) {
        if (word === 'extension') {
          result.extensions.push(line);
          blanking = true;
        } else if (word === 'param' && bicepparam) {
          result.paramAssignments.add(i);
          out.splice(i, 5, 'v', 'a', 'r', ' ', ' ');
        }
      }
      if (word === 'var' && stack.length === 0 && previous !== '.' && !blanking)
        blankVariableType(source, k, out);
      if (blanking) blank(i, k);
      previous = word[word.length - 1]!;
      i = k;
      continue;
    }
    if (blanking) blank(i, i + 1);
    previous = c;
    i++;
  }
  result.text = out.join('');
  return result;
}

/**
 * Skips a single-quoted string from its opening quote (or, `resume`, from the `}` that closes an interpolation)
 * to just past its closing quote, or to the `${` of an interpolation (pushed on the stack). A string part that
 * starts with `//` or `/*` is read by the grammar as a comment: its first `/` is replaced by a control character
 * (the values are read from the original text).
 */
function skipString(source: string, from: number, stack: Frame[], out: string[], resume = false): number {
  let i = from + 1;
  if (resume && source[from] !== '}') i = from;
  let partStart = true;
  while (i < source.length) {
    const c = source[i]!;
    if (partStart && c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) out[i] = '\u0001';
    partStart = false;
    if (c === '\\') {
      i += 2;
      partStart = true;
      continue;
    }
    if (c === "'") return i + 1;
    if (c === '$' && source[i + 1] === '{') {
      stack.push('interpolation');
      return i + 2;
    }
    if (c === '\n') return i; // an unterminated string: the parser reports it
    i++;
  }
  return i;
}

/**
 * `var NAME TYPE = value` (typed variables): the type, from after the name to the `=` at depth 0, becomes spaces
 * (line breaks kept). Strings in the type (literal types) are skipped whole. A `var NAME =` is left as it is.
 */
function blankVariableType(source: string, from: number, out: string[]): void {
  const name = /^\s+[A-Za-z_]\w*/.exec(source.slice(from, from + 300));
  if (!name) return;
  const start = from + name[0].length;
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'") {
      const close = source.indexOf("'", i + 1);
      if (close === -1) return;
      i = close;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '=' && depth === 0) {
      if (source.slice(start, i).trim() === '') return;
      for (let k = start; k < i; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
      return;
    }
    if (depth < 0) return;
  }
}

/** The end of `<'T@V'>` followed by `.member` accesses, from the `<`; 0 when it is not that form. */
function resourceTypeEnd(source: string, from: number): number {
  const match = /^<\s*'[^'\n]*'\s*>(\s*\.\s*[A-Za-z_]\w*)*/.exec(source.slice(from, from + 1000));
  return match ? from + match[0].length : 0;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57);
}
