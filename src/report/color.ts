/** Whether to colour output: FORCE_COLOR wins, then NO_COLOR (https://no-color.org), then whether it is a terminal. */
export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type Style = keyof typeof CODES;

export type Paint = (style: Style | Style[], text: string) => string;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => {
    const styles = Array.isArray(style) ? style : [style];
    return styles.reduce((out, name) => `\u001b[${CODES[name][0]}m${out}\u001b[${CODES[name][1]}m`, text);
  };
}
