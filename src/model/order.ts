/**
 * Code-point order of strings: the order of Go's string comparison (UTF-8 bytes), which the Kubernetes tools sort
 * by, and the same on every machine, whatever its locale (a locale collation is not). JavaScript's `<` compares UTF-16
 * code units, which puts U+E000–U+FFFF after the astral planes; this corrects that one case.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    // A surrogate (U+D800–U+DFFF, half of an astral code point) sorts after every BMP code unit.
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX !== surrogateY) return surrogateX ? (y >= 0xe000 ? 1 : x - y) : x >= 0xe000 ? -1 : x - y;
    return x - y;
  }
  return a.length - b.length;
}
