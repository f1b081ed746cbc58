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
  };
  const stack: Frame[] = [];
  let line = 1;
  let atLineStart = true;
  /** Set while an `extension` statement is blanked: it ends at the first line break at depth 0. */
  let blanking = false;
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
      continue;
    }
    if (c === "'") {
      const stop = skipString(source, i, stack, out);
      if (blanking) blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '}' && stack[stack.length - 1] === 'interpolation') {
      // The end of a `${...}`: the string resumes.
      stack.pop();
      const stop = skipString(source, i, stack, out, true);
      if (blanking) blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      if (c === '[' && source[i + 1] === '?') {
        result.safeIndexes.add(i);
        out[i + 1] = ' ';
      }
      stack.push(c);
      if (blanking) blank(i, i + 1);
      i++;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      stack.pop();
      if (blanking) blank(i, i + 1);
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
      if (blanking) blank(i, k);
      i = k;
      continue;
    }
    if (blanking) blank(i, i + 1);
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
