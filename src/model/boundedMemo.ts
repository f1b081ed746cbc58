/**
 * `compute` made once per key: the answers for the first `max` distinct keys are kept (never cleared; past the bound
 * a key's answer is computed each time). For texts made from a few recurring names at every finding or review: a
 * field's path piece, a container's phrase, a rule id's start of a warning line.
 */
export function boundedMemo<V>(compute: (key: string) => V, max = 4096): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    const kept = known.get(key);
    if (kept !== undefined || known.has(key)) return kept as V;
    const value = compute(key);
    if (known.size < max) known.set(key, value);
    return value;
  };
}
