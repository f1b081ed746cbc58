import type { OutputFormat, RenderContext, Renderer } from './format.js';
import { renderHtmlReport } from './html/report.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOpenReports, renderPolicyReport } from './policyReport.js';
import { renderSarif } from './sarif.js';
import { type Chunks, joinChunks, type OutputSink, writeChunks } from './stream.js';
import { renderTable } from './table.js';

export { OUTPUT_FORMATS, type OutputFormat, type RenderContext, type Renderer } from './format.js';
export { type Chunks, type OutputSink, writeChunks } from './stream.js';

/** One streaming renderer per format; the typed record makes a format without a renderer a compile error. */
const RENDERERS: Record<OutputFormat, Renderer> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtmlReport,
  policyreport: renderPolicyReport,
  openreports: renderOpenReports,
};

/** The renderer of `format`. */
export function rendererOf(format: OutputFormat): Renderer {
  return RENDERERS[format];
}

/** The report in `format`, in pieces. */
export function renderChunks(format: OutputFormat, context: RenderContext): Chunks {
  return rendererOf(format)(context);
}

/** Writes the report in `format` to `sink` as it is serialised. */
export function renderTo(format: OutputFormat, context: RenderContext, sink: OutputSink): void {
  writeChunks(renderChunks(format, context), sink);
}

/** The report in `format` as one string: for the library and small reports (one string holds at most 2^29 characters). */
export function render(format: OutputFormat, context: RenderContext): string {
  return joinChunks(renderChunks(format, context));
}
