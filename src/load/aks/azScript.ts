import { type Unknown, unknown } from '../../model/aksCluster.js';

/** How a script's words are quoted and continued. */
export type ScriptSyntax = 'sh' | 'powershell' | 'make';

/** One word of a command line, with where it starts. A word built from a variable or a substitution is unknown. */
export interface Word {
  text: string | Unknown;
  /** The word as written (for matching `-n $CLUSTER` across commands). */
  raw: string;
  line: number;
  column: number;
}

export interface CommandLine {
  words: Word[];
  line: number;
  column: number;
}

/** Longest script read; longer ones are cut here (a script is not a place for megabytes of commands). */
const MAX_SCRIPT_LENGTH = 4 * 1024 * 1024;

/**
 * Splits a shell, PowerShell or Makefile recipe text into simple commands of words, the way the shell would
 * for the parts that matter to `az` command lines: comments, line continuations (`\` + newline; PowerShell's
 * backtick), single and double quotes with their escapes, and command separators (`;`, `&&`, `||`, `|`,
 * newline). Parameter expansions (`$VAR`, `${VAR}`, PowerShell `$env:VAR`), command substitutions (`$(...)`,
 * backquotes) and Make variables (`$(VAR)`) make a word unknown, naming what it depends on. Here-documents,
 * functions and control flow are not interpreted: their lines are read as commands when they look like one.
 */
export function commandLines(text: string, syntax: ScriptSyntax, firstLine = 1): CommandLine[] {
  const source = text.length > MAX_SCRIPT_LENGTH ? text.slice(0, MAX_SCRIPT_LENGTH) : text;
  const commands: CommandLine[] = [];
  let words: Word[] = [];
  let line = firstLine;
  let column = 1;
  let i = 0;
  const continuation = syntax === 'powershell' ? '`' : '\\';

  const endCommand = () => {
    if (words.length > 0) commands.push({ words, line: words[0]!.line, column: words[0]!.column });
    words = [];
  };
  const advance = (count: number) => {
    for (let k = 0; k < count && i < source.length; k++, i++) {
      if (source[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
  };

  while (i < source.length) {
    const char = source[i]!;
    if (
      char === continuation &&
      (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))
    ) {
      advance(source[i + 1] === '\r' ? 3 : 2);
      continue;
    }
    if (char === '\n' || char === ';') {
      endCommand();
      advance(1);
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      advance(1);
      continue;
    }
    if ((char === '&' || char === '|') && (source[i + 1] === char || char === '|')) {
      endCommand();
      advance(source[i + 1] === char ? 2 : 1);
      continue;
    }
    if (char === '#') {
      // A comment runs to the end of the line (a continuation character inside it does not continue it).
      while (i < source.length && source[i] !== '\n') advance(1);
      continue;
    }
    const word = readWord(source, i, syntax, continuation);
    words.push({ text: word.value, raw: word.raw, line, column });
    advance(word.length);
  }
  endCommand();
  return commands;
}

interface ReadWord {
  value: string | Unknown;
  raw: string;
  length: number;
}

function readWord(source: string, start: number, syntax: ScriptSyntax, continuation: string): ReadWord {
  let i = start;
  let value = '';
  let dependsOn: string | undefined;
  const depend = (what: string) => {
    dependsOn ??= what;
  };
  while (i < source.length) {
    const char = source[i]!;
    if (char === continuation && source[i + 1] === '\n') break;
    if (/[\s;]/.test(char) || char === '|' || (char === '&' && source[i + 1] === '&')) break;
    if (char === "'") {
      // Single quotes: literal in sh; PowerShell doubles them to escape.
      let j = i + 1;
      while (j < source.length) {
        if (source[j] === "'" && syntax === 'powershell' && source[j + 1] === "'") {
          value += "'";
          j += 2;
          continue;
        }
        if (source[j] === "'") break;
        value += source[j];
        j++;
      }
      i = j + 1;
      continue;
    }
    if (char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') {
        const c = source[j]!;
        if ((c === '\\' && syntax !== 'powershell') || (c === '`' && syntax === 'powershell')) {
          value += source[j + 1] ?? '';
          j += 2;
          continue;
        }
        if (c === '$') {
          const expansion = readExpansion(source, j, syntax);
          if (expansion) {
            depend(expansion.name);
            j += expansion.length;
            continue;
          }
        }
        value += c;
        j++;
      }
      i = j + 1;
      continue;
    }
    if (char === '\\' && syntax !== 'powershell') {
      value += source[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (char === '`' && syntax !== 'powershell') {
      const end = source.indexOf('`', i + 1);
      depend('a command substitution');
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    if (char === '$') {
      const expansion = readExpansion(source, i, syntax);
      if (expansion) {
        depend(expansion.name);
        i += expansion.length;
        continue;
      }
    }
    value += char;
    i++;
  }
  const raw = source.slice(start, i);
  return {
    value: dependsOn === undefined ? value : unknown(`depends on ${dependsOn}`),
    raw,
    length: Math.max(i - start, 1),
  };
}

/** `$VAR`, `${VAR}`, `$(cmd)`, Make's `$(VAR)`/`$$`, PowerShell's `$env:VAR`/`$(...)`: what it names and its length. */
function readExpansion(
  source: string,
  start: number,
  syntax: ScriptSyntax,
): { name: string; length: number } | undefined {
  const next = source[start + 1];
  if (syntax === 'make' && next === '$') {
    // `$$VAR` in a recipe is the shell's `$VAR`.
    const inner = readExpansion(source, start + 1, 'sh');
    return inner ? { name: inner.name, length: inner.length + 1 } : undefined;
  }
  if (next === '{') {
    const end = source.indexOf('}', start + 2);
    const body = source.slice(start + 2, end < 0 ? source.length : end);
    const name = /^[A-Za-z_][\w]*/.exec(body)?.[0] ?? body;
    return {
      name: syntax === 'make' ? `the make variable ${name}` : `$${name}`,
      length: (end < 0 ? source.length : end + 1) - start,
    };
  }
  if (next === '(') {
    let depth = 0;
    let j = start + 1;
    for (; j < source.length; j++) {
      if (source[j] === '(') depth++;
      if (source[j] === ')' && --depth === 0) break;
    }
    const body = source.slice(start + 2, j).trim();
    const variable = syntax === 'make' && /^[A-Za-z_][\w.-]*$/.test(body);
    return {
      name: variable ? `the make variable ${body}` : `the command substitution $(${shorten(body)})`,
      length: Math.min(j + 1, source.length) - start,
    };
  }
  const env =
    syntax === 'powershell' ? /^\$env:([A-Za-z_]\w*)/i.exec(source.slice(start, start + 200)) : null;
  if (env) return { name: `$env:${env[1]}`, length: env[0].length };
  const name = /^\$([A-Za-z_]\w*|[0-9@*#?])/.exec(source.slice(start, start + 200));
  if (name)
    return {
      name: syntax === 'make' ? `the make variable ${name[1]}` : `$${name[1]}`,
      length: name[0].length,
    };
  return undefined;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
