import type { RenderContext } from './format.js';

export function renderJson({ report }: RenderContext): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
