/**
 * Helm / Go-template detection. A document is an unrendered template when a `{{ … }}` action makes it unreadable
 * (it parses once the actions are blanked out), or when a key or value that did parse holds a Helm action: one that
 * reads Helm's built-in objects (`.Values`, `.Release`, `.Chart`, `.Capabilities`, `.Files`, `.Template`,
 * `.Subcharts`) or calls a Helm-only function (`include`, `tpl`, `toYaml`, `required`, `lookup`). Go templates that
 * are data at apply time (PrometheusRule `{{ $labels.instance }}`, Alertmanager `{{ range .Alerts }}`, Argo Workflows
 * `{{inputs.parameters.x}}`) are not Helm actions: those objects are read as the cluster receives them.
 * Every scan here is linear: indexOf loops and bounded slices, no backtracking patterns over input.
 */

/** Longest action text examined after a `{{` (a real action is short; the rest of a huge value is not read). */
const MAX_ACTION = 512;
const HELM_OBJECT = /\.(Values|Release|Chart|Capabilities|Files|Template|Subcharts)\b/;
const HELM_FUNCTION = /(^|[\s(|])(include|tpl|toYaml|required|lookup)\s/;

/** Whether `text` holds a Helm template action (see above). */
export function hasHelmAction(text: string): boolean {
  let from = text.indexOf('{{');
  while (from !== -1) {
    const close = text.indexOf('}}', from + 2);
    if (close === -1) return false;
    const action = text.slice(from + 2, Math.min(close, from + 2 + MAX_ACTION));
    if (HELM_OBJECT.test(action) || HELM_FUNCTION.test(` ${action.replace(/^-/, '')} `)) return true;
    from = text.indexOf('{{', close + 2);
  }
  return false;
}

/** Whether `text` holds any `{{ … }}` action (comments included). */
export function hasTemplateAction(text: string): boolean {
  const open = text.indexOf('{{');
  return open !== -1 && text.indexOf('}}', open + 2) !== -1;
}

/**
 * `text` with every `{{ … }}` action (and its delimiters) replaced by spaces, line breaks kept: offsets and lines
 * are unchanged, and what remains is the YAML a template would produce around its actions.
 */
export function blankTemplateActions(text: string): string {
  let out = '';
  let last = 0;
  let from = text.indexOf('{{');
  while (from !== -1) {
    const close = text.indexOf('}}', from + 2);
    if (close === -1) break;
    out += text.slice(last, from);
    out += text.slice(from, close + 2).replace(/[^\r\n]/g, ' ');
    last = close + 2;
    from = text.indexOf('{{', last);
  }
  return last === 0 ? text : out + text.slice(last);
}
