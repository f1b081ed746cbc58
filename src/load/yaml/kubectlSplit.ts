/**
 * Splits a YAML stream into documents the way kubectl does before any YAML is parsed: apimachinery's `YAMLReader`
 * (`k8s.io/apimachinery/pkg/util/yaml/decoder.go`) reads lines (ended by `\n`), and a line that starts with `---`
 * followed only by spaces or a `#` comment ends the current document; that line belongs to neither part. Each part
 * is then parsed on its own by go-yaml (`yaml.Unmarshal`), so anchors never cross parts and one broken part does
 * not affect the others. A `---` line followed by content (`--- {a: 1}`) is a YAML document start, not a kubectl
 * separator (newer kubectl refuses it, older ones keep it in the part): the part starts at that line, as YAML reads it.
 *
 * The split is counted as it goes, so a stream of millions of documents is refused after `maxDocuments` parts
 * without reading further (linear in the bytes examined).
 */

export interface DocumentPart {
  /** Offset of the part's first character in the stream. */
  start: number;
  /** Offset just past the part's last character (before the separator line, if any). */
  end: number;
}

export type SplitResult =
  | {
      parts: DocumentPart[];
      /**
       * Offset of every line start, lines ended by `\n` (the first line at 0; a text ending with `\n` has an empty
       * last line): the split visits each, so the reader's line table needs no pass of its own over the text.
       */
      lineStarts: Uint32Array;
    }
  | { tooMany: true; limit: number };

/** Line starts collected by the split, grown by doubling and kept for the next text (copied out at its end). */
let lineScratch = new Uint32Array(4096);

function isCommentOrBlank(text: string, from: number, to: number): 'blank' | 'comment' | 'content' {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    // Go's strings.TrimSpace: ASCII spaces (and Unicode ones; the ASCII set covers real inputs).
    if (code === 32 || code === 9 || code === 13 || code === 11 || code === 12) continue;
    return code === 35 ? 'comment' : 'content';
  }
  return 'blank';
}

/**
 * The parts of `text` as kubectl's YAMLReader cuts them. Every separator counts as a document against the limit
 * (empty ones too: they cost the same to read), but only non-empty parts are returned.
 */
export function splitLikeKubectl(text: string, maxDocuments: number): SplitResult {
  const parts: DocumentPart[] = [];
  let counted = 0;
  let partStart = 0;
  let lineStart = 0;
  const push = (end: number): boolean => {
    counted++;
    if (end > partStart) parts.push({ start: partStart, end });
    return counted <= maxDocuments;
  };
  let lines = 0;
  while (lineStart <= text.length) {
    if (lines === lineScratch.length) {
      const grown = new Uint32Array(lines * 2);
      grown.set(lineScratch);
      lineScratch = grown;
    }
    lineScratch[lines++] = lineStart;
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // A `---` fits on the line (no read past the text's end, where charCodeAt's NaN deoptimised the loop).
    if (
      lineEnd - lineStart >= 3 &&
      text.charCodeAt(lineStart) === 45 &&
      text.charCodeAt(lineStart + 1) === 45 &&
      text.charCodeAt(lineStart + 2) === 45
    ) {
      const rest = isCommentOrBlank(text, lineStart + 3, lineEnd);
      if (rest !== 'content') {
        if (!push(lineStart)) return { tooMany: true, limit: maxDocuments };
        partStart = newline === -1 ? text.length : newline + 1;
      } else if (lineStart > partStart) {
        // `--- content`: a new YAML document starting on this line.
        if (!push(lineStart)) return { tooMany: true, limit: maxDocuments };
        partStart = lineStart;
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (partStart < text.length) {
    if (!push(text.length)) return { tooMany: true, limit: maxDocuments };
  }
  return { parts, lineStarts: lineScratch.slice(0, lines) };
}
