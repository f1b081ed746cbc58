import type { OutputFormat, Renderer } from './format.js';

/**
 * The renderer of one format, its module imported when that format is written: the CLI writes one format, and the
 * HTML renderer alone is a tenth of its code. The same functions as `RENDERERS` (src/report/index.ts), which the
 * library's synchronous `render`/`renderTo` use; loadRenderer.test.ts checks they agree.
 */
const LOADERS: Record<OutputFormat, () => Promise<Renderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  junit: async () => (await import('./junit.js')).renderJunit,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  html: async () => (await import('./html/report.js')).renderHtmlReport,
  policyreport: async () => (await import('./policyReport.js')).renderPolicyReport,
  openreports: async () => (await import('./policyReport.js')).renderOpenReports,
};

export function loadRenderer(format: OutputFormat): Promise<Renderer> {
  return LOADERS[format]();
}
