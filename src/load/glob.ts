/**
 * Minimal glob matching for `--exclude`: `*` (any run of characters except `/`), `**` (any run including `/`),
 * `?` (one character except `/`). A pattern without `/` matches any path segment (like .gitignore).
 */
export function globToRegExp(pattern: string): RegExp {
  const anchored = pattern.includes('/');
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          body += '(?:.*/)?';
        } else {
          body += '.*';
        }
      } else {
        body += '[^/]*';
      }
    } else if (char === '?') {
      body += '[^/]';
    } else {
      body += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const prefix = anchored ? '^(?:\\./)?' : '(?:^|/)';
  return new RegExp(`${prefix}${body}(?:/.*)?$`);
}

export function matchesAny(path: string, patterns: readonly RegExp[]): boolean {
  const normalised = path.split('\\').join('/');
  return patterns.some((pattern) => pattern.test(normalised));
}
