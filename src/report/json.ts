import type { RenderContext } from './format.js';
import { jsonChunks } from './stream.js';

export function* renderJson({ report }: RenderContext): Generator<string> {
  yield* jsonChunks(report);
  yield '\n';
}
