import type { OutputFormat, RenderContext } from './format.js';
import { renderHtml } from './html/report.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export { OUTPUT_FORMATS, type OutputFormat, type RenderContext } from './format.js';

const RENDERERS: Record<OutputFormat, (context: RenderContext) => string> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

export function render(format: OutputFormat, context: RenderContext): string {
  return RENDERERS[format](context);
}
