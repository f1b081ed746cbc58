/**
 * Editor and tool configuration files: JSON (often with comments and trailing commas) that is never a Kubernetes
 * object nor an Azure definition. They are recognised by name and left out with a note (coverage category
 * `tool-config`), never parsed, so their syntax can never fail a scan.
 */
const BY_NAME: [RegExp, string][] = [
  [/(^|\/)\.vscode\/[^/]+\.jsonc?$/i, 'VS Code settings'],
  [/(^|\/)\.?devcontainer\.json$/i, 'dev container configuration'],
  [/(^|\/)\.?cspell\.jsonc?$/i, 'cSpell configuration'],
  [/(^|\/)(tsconfig|jsconfig)(\.[\w.-]+)?\.json$/i, 'TypeScript/JavaScript project configuration'],
  [/(^|\/)package(-lock)?\.json$/i, 'npm package manifest'],
  [/(^|\/)npm-shrinkwrap\.json$/i, 'npm package manifest'],
  [/\.schema\.json$/i, 'JSON Schema'],
  [/(^|\/)\.eslintrc(\.json)?$/i, 'ESLint configuration'],
  [/(^|\/)biome\.jsonc?$/i, 'Biome configuration'],
  [/(^|\/)\.?renovate(rc)?\.json5?$/i, 'Renovate configuration'],
  [/(^|\/)\.prettierrc(\.json)?$/i, 'Prettier configuration'],
  [/(^|\/)(composer|lerna|nx|turbo|deno|bower)\.jsonc?$/i, 'tool configuration'],
  [/(^|\/)\.babelrc(\.json)?$/i, 'Babel configuration'],
  [/(^|\/)\.terraform\/.*\.json$/i, 'Terraform working directory (written by terraform init)'],
  [/(^|\/)\.markdownlint(-cli2)?\.jsonc?$/i, 'markdownlint configuration'],
];

/** What kind of tool configuration a file is, by its path; `undefined` for anything that may be a definition. */
export function toolConfigKind(file: string): string | undefined {
  const path = file.replace(/\\/g, '/');
  for (const [pattern, kind] of BY_NAME) if (pattern.test(path)) return kind;
  return undefined;
}
