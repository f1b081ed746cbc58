/**
 * Escaping for the HTML report: every string that comes from the input (names, messages, evidence, paths) goes
 * through one of these before it reaches the page. Text and attribute values share one escape (& < > " '), which
 * is safe in both (HTML Living Standard, "Escaping a string"); control characters other than tab and newline are
 * shown as U+FFFD so that a name cannot hide text or confuse a terminal when the file is viewed as source.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 controls except tab/newline/carriage return, DEL, C1 controls, and the bidi overrides that can reorder text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(UNSAFE, '\ufffd');
}

/** Text content (not attributes): quotes need no escaping there, which keeps evidence and messages short. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => ENTITIES[c]!).replace(UNSAFE, '\ufffd');
}

/** An id or fragment made from input: anything outside [A-Za-z0-9_-] becomes `_` plus its code, so ids stay unique. */
export function safeId(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}
