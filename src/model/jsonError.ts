/**
 * A JSON syntax error described by position only. V8's own messages quote the text around the error
 * (`Unexpected token 'x', "{"password": "hunt"... is not valid JSON`), which may be a secret: never shown.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bat position (\d+)/.exec(message)?.[1];
  if (position === undefined) return 'syntax error';
  const offset = Math.min(Number(position), text.length);
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return `syntax error at line ${line}, column ${offset - lineStart + 1}`;
}
