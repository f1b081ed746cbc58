/**
 * Escaping of input-derived text for the outputs people read, so that a manifest cannot drive the reader's terminal
 * (ANSI CSI/OSC sequences start with ESC U+001B or the C1 controls U+0080–U+009F), fake lines in a report, or hide
 * text with bidirectional overrides ("Trojan Source", CVE-2021-42574).
 */

// C0 controls, DEL, C1 controls, and the bidirectional embedding/override/isolate controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(character: string): string {
  const code = character.charCodeAt(0);
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text: every control character (newlines included) shown as an escape, e.g. `\x1b]8;;`. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Text that may span lines: newlines and tabs kept, every other control character shown as an escape. */
export function escapeControlKeepLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, visible);
}

// Markdown syntax that could make input into links, images, HTML, emphasis or new table cells.
const MARKDOWN_SPECIAL = /[\\`*_[\]()!~|#<>&]/g;
const MARKDOWN_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Input-derived text inside a Markdown table cell or list item (GitHub-flavoured): `|` cannot open a new cell,
 * newlines cannot start a new row, and no HTML, link, image or emphasis syntax is interpreted.
 */
export function markdownText(text: string): string {
  return escapeControl(text.replace(/\r\n|\r|\n/g, ' ')).replace(
    MARKDOWN_SPECIAL,
    (character) => MARKDOWN_ENTITY[character] ?? `\\${character}`,
  );
}

/**
 * Input-derived text as a Markdown code span: nothing inside is interpreted, the fence is longer than any run of
 * backticks inside, and `|` is escaped (GFM splits table cells on it even inside code spans).
 */
export function markdownCode(text: string): string {
  const flat = escapeControl(text.replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}
