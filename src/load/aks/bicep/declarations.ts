import { type ParsedBicep, type SyntaxNode, textOf } from './syntax.js';

/** The declarations of one Bicep or `.bicepparam` file, by symbol (Bicep symbols are case-sensitive). */
export interface Declarations {
  params: Map<string, ParamDecl>;
  vars: Map<string, VarDecl>;
  resources: ResourceDecl[];
  modules: ModuleDecl[];
  outputs: Map<string, SyntaxNode>;
  funcs: Map<string, FuncDecl>;
  imports: ImportDecl[];
  /** `.bicepparam`: the template named by `using` (`none` for `using none`). */
  using?: { path: string; node: SyntaxNode };
  /** `.bicepparam`: `param NAME = value` assignments. */
  assignments: Map<string, SyntaxNode>;
}

export interface ParamDecl {
  name: string;
  node: SyntaxNode;
  default?: SyntaxNode;
  /** Declared with a nullable type (`string?`): null when no value is given. */
  nullable: boolean;
  secure: boolean;
}

export interface VarDecl {
  name: string;
  node: SyntaxNode;
  value: SyntaxNode;
  exported: boolean;
}

export interface FuncDecl {
  name: string;
  params: string[];
  body: SyntaxNode;
  exported: boolean;
}

export interface ImportDecl {
  node: SyntaxNode;
  path: string;
  /** `import * as ns from` */
  namespace?: string;
  /** `import { a, b as c } from`: local name → exported name. */
  names: Map<string, string>;
}

export interface ResourceDecl {
  symbol: string;
  node: SyntaxNode;
  /** As written: `Microsoft.ContainerService/managedClusters@2024-05-01`, or `agentPools` for a nested resource. */
  typeText: string;
  existing: boolean;
  /** The object, `if (...) {...}` or `[for ...]` after `=`. */
  value: SyntaxNode;
  /** Resources declared inside this one's body. */
  nested: ResourceDecl[];
  decorators: SyntaxNode[];
}

export interface ModuleDecl {
  symbol: string;
  node: SyntaxNode;
  path: string;
  value: SyntaxNode;
}

const DECLARATIONS = new Set([
  'parameter_declaration',
  'variable_declaration',
  'resource_declaration',
  'module_declaration',
  'output_declaration',
  'user_defined_function',
  'type_declaration',
  'metadata_declaration',
  'assert_statement',
  'test_block',
]);

/** The string literal's text without quotes (used for paths and types, which are never interpolated). */
export function plainString(parsed: ParsedBicep, node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const text = textOf(parsed, node);
  if (text.startsWith("'''")) return text.slice(3, -3);
  if (node.children.some((child) => child.type === 'interpolation')) return undefined;
  return text.slice(1, -1).replace(/\\(['\\$])/g, '$1');
}

function identifierText(parsed: ParsedBicep, node: SyntaxNode | undefined): string | undefined {
  return node && node.type === 'identifier' ? textOf(parsed, node) : undefined;
}

function decoratorNames(parsed: ParsedBicep, decorators: SyntaxNode[]): Set<string> {
  const names = new Set<string>();
  for (const group of decorators)
    for (const decorator of group.children) {
      const call = decorator.children[0];
      const fn = call?.children.find((child) => child.field === 'function');
      if (fn) names.add(textOf(parsed, fn).replace(/^sys\./, ''));
    }
  return names;
}

/** Reads the top-level statements (decorators attach to the declaration that follows them). */
export function collectDeclarations(parsed: ParsedBicep): Declarations {
  const declarations: Declarations = {
    params: new Map(),
    vars: new Map(),
    resources: [],
    modules: [],
    outputs: new Map(),
    funcs: new Map(),
    imports: [],
    assignments: new Map(),
  };
  let pending: SyntaxNode[] = [];
  for (const statement of parsed.root.children) {
    if (statement.type === 'decorators') {
      pending.push(statement);
      continue;
    }
    const decorators = pending;
    pending = [];
    if (statement.broken) continue;
    if (!DECLARATIONS.has(statement.type)) {
      readStatement(parsed, statement, declarations);
      continue;
    }
    const names = decoratorNames(parsed, decorators);
    const name = identifierText(parsed, statement.children[0]);
    switch (statement.type) {
      case 'parameter_declaration': {
        if (!name) break;
        const type = statement.children[1];
        const value = statement.children[2];
        const param: ParamDecl = {
          name,
          node: statement,
          nullable: type?.type === 'type' && type.children[0]?.type === 'nullable_type',
          secure: names.has('secure'),
        };
        if (value) param.default = value;
        declarations.params.set(name, param);
        break;
      }
      case 'variable_declaration': {
        const value = statement.children[1];
        if (!name || !value) break;
        if (parsed.compat.paramAssignments.has(statement.start)) declarations.assignments.set(name, value);
        else declarations.vars.set(name, { name, node: statement, value, exported: names.has('export') });
        break;
      }
      case 'resource_declaration': {
        const resource = resourceDecl(parsed, statement, decorators);
        if (resource) declarations.resources.push(resource);
        break;
      }
      case 'module_declaration': {
        const path = plainString(parsed, statement.children[1]);
        const value = statement.children[2];
        if (name && path !== undefined && value)
          declarations.modules.push({ symbol: name, node: statement, path, value });
        break;
      }
      case 'output_declaration': {
        const value = statement.children[statement.children.length - 1];
        if (name && value) declarations.outputs.set(name, value);
        break;
      }
      case 'user_defined_function': {
        const fnName = identifierText(
          parsed,
          statement.children.find((child) => child.field === 'name'),
        );
        const parameters = statement.children.find((child) => child.type === 'parameters');
        const body = statement.children[statement.children.length - 1];
        if (!fnName || !parameters || !body) break;
        declarations.funcs.set(fnName, {
          name: fnName,
          params: parameters.children.map((parameter) => textOf(parsed, parameter.children[0]!)),
          body,
          exported: names.has('export'),
        });
        break;
      }
      default:
        break;
    }
  }
  return declarations;
}

function readStatement(parsed: ParsedBicep, statement: SyntaxNode, declarations: Declarations): void {
  if (statement.type === 'using_statement') {
    const path = plainString(parsed, statement.children[0]);
    if (path !== undefined) declarations.using = { path, node: statement };
  } else if (statement.type === 'import_functionality') {
    const path = plainString(parsed, statement.children[statement.children.length - 1]);
    if (path === undefined) return;
    const identifiers = statement.children
      .filter((child) => child.type === 'identifier')
      .map((child) => textOf(parsed, child));
    const decl: ImportDecl = { node: statement, path, names: new Map() };
    if (statement.tokens.includes('*')) {
      if (identifiers[0]) decl.namespace = identifiers[0];
    } else {
      // `{ a, b as c }`: an `as` pairs the two identifiers around it.
      const text = textOf(parsed, statement);
      const inner = /\{([^}]*)\}/.exec(text)?.[1] ?? '';
      for (const part of inner.split(',')) {
        const [exported, local] = part.split(/\s+as\s+/).map((piece) => piece.trim());
        if (exported) decl.names.set(local || exported, exported);
      }
    }
    declarations.imports.push(decl);
  }
}

/** A resource declaration and the resources nested in its body. */
export function resourceDecl(
  parsed: ParsedBicep,
  node: SyntaxNode,
  decorators: SyntaxNode[] = [],
): ResourceDecl | undefined {
  const symbol = identifierText(parsed, node.children[0]);
  const typeText = plainString(parsed, node.children[1]);
  const value = node.children[2];
  if (!symbol || typeText === undefined || !value) return undefined;
  const decl: ResourceDecl = {
    symbol,
    node,
    typeText,
    existing: node.tokens.includes('existing'),
    value,
    nested: [],
    decorators,
  };
  const body = bodyObject(value);
  if (body) {
    let nestedDecorators: SyntaxNode[] = [];
    for (const child of body.children) {
      if (child.type === 'decorators') {
        nestedDecorators.push(child);
        continue;
      }
      const inner = child.type === 'object_property' ? child.children[0] : undefined;
      if (inner?.type === 'resource_declaration') {
        const nested = resourceDecl(parsed, inner, nestedDecorators);
        if (nested) decl.nested.push(nested);
      }
      nestedDecorators = [];
    }
  }
  return decl;
}

/** The body object of a resource or module value: `{...}`, `if (c) {...}`, `[for x in y: {...}]`, `[for ...: if (c) {...}]`. */
export function bodyObject(value: SyntaxNode): SyntaxNode | undefined {
  if (value.type === 'object') return value;
  if (value.type === 'if_statement') return value.children.find((child) => child.type === 'object');
  if (value.type === 'for_statement') {
    const body = value.children.find((child) => child.field === 'body');
    return body ? bodyObject(body) : undefined;
  }
  return undefined;
}
