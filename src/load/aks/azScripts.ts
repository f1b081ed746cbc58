import type { AksCluster } from '../../model/aksCluster.js';
import type { LoadIssue } from '../../model/inventory.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { type AzCommand, azAksCommands, clustersOfCommands } from './azAksCommands.js';
import { commandLines, type ScriptSyntax } from './azScript.js';

type Json = Record<string, unknown>;

/** Script files read for `az aks` command lines, by name. */
export function scriptSyntaxOf(file: string): ScriptSyntax | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (/^(GNUmakefile|makefile|Makefile)$/.test(name) || /\.mk$/i.test(name)) return 'make';
  if (/\.(sh|bash|zsh|azcli)$/i.test(name)) return 'sh';
  if (/\.(ps1|psm1)$/i.test(name)) return 'powershell';
  return undefined;
}

/** A script text inside another file (a CI step), with where its first line is. */
export interface EmbeddedScript {
  text: string;
  syntax: ScriptSyntax;
  line: number;
  /** Columns to add (the block's indentation). */
  column: number;
}

/** The clusters an `az aks` script creates, and notes about commands on clusters it does not create. */
export function loadScript(
  file: string,
  scripts: EmbeddedScript[],
): { clusters: AksCluster[]; issues: LoadIssue[] } {
  const commands: AzCommand[] = [];
  for (const script of scripts) {
    const text = script.syntax === 'make' ? recipeText(script.text) : script.text;
    const lines = commandLines(text, script.syntax, script.line);
    if (script.column > 0)
      for (const line of lines) for (const word of line.words) word.column += script.column;
    commands.push(...azAksCommands(lines, file));
  }
  if (commands.length === 0) return { clusters: [], issues: [] };
  return clustersOfCommands(commands, file);
}

/** Make recipe prefixes (`@` silent, `-` ignore errors, `+` always) are not part of the command; kept as blanks for columns. */
function recipeText(text: string): string {
  return text.replace(
    /^(\t+)([@+-]+)/gm,
    (_match, tabs: string, prefix: string) => tabs + ' '.repeat(prefix.length),
  );
}

/**
 * The shell steps of CI workflows: GitHub Actions (`jobs.*.steps[].run`, with `shell:`; `azure/cli` steps'
 * `with.inlineScript`) and Azure Pipelines (`script`, `bash`, `pwsh`, `powershell` steps; `AzureCLI@2` tasks'
 * `inputs.inlineScript` with `scriptType`), at any nesting of stages and jobs.
 */
export function workflowScripts(doc: SourceDocument, text: string | undefined): EmbeddedScript[] {
  const root = doc.value;
  if (!isObject(root) || !isWorkflow(root)) return [];
  const out: EmbeddedScript[] = [];
  const visit = (value: unknown, path: PathSegment[], depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index], depth + 1);
      });
      return;
    }
    if (!isObject(value)) return;
    const step = stepScript(value);
    if (step) out.push(embedded(doc, text, [...path, step.key], step.script, step.syntax));
    for (const [key, child] of Object.entries(value))
      if (typeof child === 'object') visit(child, [...path, key], depth + 1);
  };
  visit(root, [], 0);
  return out;
}

function isWorkflow(root: Json): boolean {
  // GitHub Actions: `jobs` with `runs-on`/`steps`; Azure Pipelines: `steps`, `jobs` or `stages` with `trigger`/`pool`.
  if (
    isObject(root.jobs) &&
    Object.values(root.jobs).some((job) => isObject(job) && ('steps' in job || 'runs-on' in job))
  )
    return true;
  return Array.isArray(root.steps) || Array.isArray(root.stages) || Array.isArray(root.jobs);
}

function stepScript(
  step: Json,
): { key: PathSegment | PathSegment[]; script: string; syntax: ScriptSyntax } | undefined {
  if (typeof step.run === 'string') {
    const shell = typeof step.shell === 'string' ? step.shell.toLowerCase() : '';
    return { key: 'run', script: step.run, syntax: /pwsh|powershell/.test(shell) ? 'powershell' : 'sh' };
  }
  for (const key of ['script', 'bash'])
    if (typeof step[key] === 'string') return { key, script: step[key] as string, syntax: 'sh' };
  for (const key of ['pwsh', 'powershell'])
    if (typeof step[key] === 'string') return { key, script: step[key] as string, syntax: 'powershell' };
  const inputs = isObject(step.inputs) ? step.inputs : isObject(step.with) ? step.with : undefined;
  if (inputs && typeof inputs.inlineScript === 'string') {
    const type = typeof inputs.scriptType === 'string' ? inputs.scriptType.toLowerCase() : 'bash';
    return {
      key: [isObject(step.inputs) ? 'inputs' : 'with', 'inlineScript'],
      script: inputs.inlineScript,
      syntax: type === 'ps' || type === 'pscore' ? 'powershell' : 'sh',
    };
  }
  return undefined;
}

/** Where a YAML string's first line is: the next line for a block scalar (`|`, `>`), else the value's own line. */
function embedded(
  doc: SourceDocument,
  text: string | undefined,
  path: PathSegment[] | (PathSegment | PathSegment[])[],
  script: string,
  syntax: ScriptSyntax,
): EmbeddedScript {
  const flat = path.flat();
  const at = doc.locate(flat);
  const lines = text?.split(/\r?\n/) ?? [];
  const keyLine = lines[at.line - 1] ?? '';
  if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(keyLine)) {
    const first = lines[at.line] ?? '';
    return { text: script, syntax, line: at.line + 1, column: first.length - first.trimStart().length };
  }
  return { text: script, syntax, line: at.line, column: Math.max(at.column - 1, 0) };
}
