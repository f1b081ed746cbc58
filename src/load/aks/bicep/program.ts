import { dirname, join, normalize } from 'node:path';
import type { SkippedInput } from '../../../model/coverage.js';
import type { LoadIssue } from '../../../model/inventory.js';
import type { Location } from '../../../model/source.js';
import { bodyObject, type Declarations, type ModuleDecl, type ResourceDecl } from './declarations.js';
import {
  BudgetExceeded,
  conditionOf,
  Env,
  evaluate,
  evaluateObject,
  type LoopParts,
  locationOf,
  loopIterations,
  loopParts,
  makeLambda,
  type Scope,
  symbolicIteration,
} from './evaluate.js';
import type { ParsedBicep, SyntaxNode } from './syntax.js';
import {
  arr,
  getProp,
  type Lambda,
  lit,
  type ModuleHandle,
  NULL,
  type Obj,
  type ResourceHandle,
  type Unk,
  unk,
  unlocated,
  type Val,
} from './values.js';

/** A parsed `.bicep` or `.bicepparam` file. */
export interface BicepFile {
  /** Path as reported. */
  path: string;
  kind: 'bicep' | 'bicepparam';
  parsed: ParsedBicep;
  declarations: Declarations;
}

/** What evaluation needs from the loader: files (parsed once), and where to say what was not read. */
export interface LoadContext {
  /** The parsed file at a reported path, or `undefined` (and an issue) when it cannot be read. */
  bicepFile(path: string, from: Location): BicepFile | undefined;
  /** A text file (for `loadTextContent` and friends), or `undefined`. */
  readText(path: string): string | undefined;
  issues: LoadIssue[];
  skipped: SkippedInput[];
  /** Evaluation steps left for the current root file. */
  budget: { steps: number };
  /** Registry modules the loader maps onto clusters (the AKS Verified Module). */
  registryModule(instance: ModuleInstance): RegistryModule | undefined;
}

/** A registry module the loader understands: its outputs, and what it declares. */
export interface RegistryModule {
  output(name: string): Val;
}

/** Where a program's parameter values come from: a module call, a parameters file, or nothing (defaults). */
export interface ParamSource {
  /** The value given for a parameter, or `undefined` when none is. */
  get(name: string): Val | undefined;
  /** Says where values come from, for reasons (`module 'aks'`, `prod.bicepparam`). */
  label: string;
  /** When every value is unknown (the module call's `params` could not be read). */
  unknownReason?: string;
}

const MAX_MODULE_DEPTH = 16;

/** One evaluation of a Bicep file with its parameter values: the scope of its expressions. */
export class Program implements Scope {
  readonly parsed: ParsedBicep;
  readonly file: string;
  readonly declarations: Declarations;
  private readonly params = new Map<string, Val>();
  private readonly vars = new Map<string, Val>();
  private readonly resolving = new Set<string>();
  private groups?: Map<string, ResourceGroup>;
  private moduleGroups?: Map<string, ModuleGroup>;
  private imports?: Map<
    string,
    { kind: 'value'; value: () => Val } | { kind: 'fn'; fn: Lambda } | { kind: 'ns'; program: Program }
  >;
  readonly env: Env;

  constructor(
    readonly context: LoadContext,
    readonly source: BicepFile,
    readonly paramSource: ParamSource | undefined,
    /** Prefix of resource addresses (`aksDeploy.` inside a module). */
    readonly prefix: string,
    /** The files of the module calls that lead here (Bicep rejects a module that calls itself). */
    readonly callers: readonly string[] = [],
  ) {
    this.parsed = source.parsed;
    this.file = source.path;
    this.declarations = source.declarations;
    this.env = new Env(this);
  }

  step(count = 1): void {
    this.context.budget.steps -= count;
    if (this.context.budget.steps < 0) throw new BudgetExceeded('evaluation step limit reached');
  }

  readText(path: string): string | undefined {
    return this.context.readText(relativeTo(this.file, path));
  }

  private guarded(key: string, compute: () => Val): Val {
    if (this.resolving.has(key)) return unk(`circular reference through '${key.slice(2)}'`);
    this.resolving.add(key);
    try {
      return compute();
    } finally {
      this.resolving.delete(key);
    }
  }

  symbol(name: string): Val | undefined {
    if (this.declarations.params.has(name)) return this.copy(this.param(name));
    if (this.declarations.vars.has(name)) return this.copy(this.variable(name));
    const group = this.resourceGroups().get(name);
    if (group) return group.symbolValue();
    const module = this.modules().get(name);
    if (module) return module.symbolValue();
    const imported = this.importTable().get(name);
    if (imported?.kind === 'value') return unlocated(imported.value());
    if (this.source.kind === 'bicepparam' && this.declarations.assignments.has(name))
      return unlocated(this.assignment(name));
    return undefined;
  }

  /** A value read through a symbol: a copy, charged to the budget by its size. */
  private copy(value: Val): Val {
    if (value.k === 'arr') this.step(value.items.length);
    else if (value.k === 'obj') this.step(value.props.size);
    return unlocated(value);
  }

  /** A parameter's value: given (module call, parameters file), its default, null when nullable, else unknown. */
  param(name: string): Val {
    const cached = this.params.get(name);
    if (cached) return cached;
    const value = this.guarded(`p:${name}`, () => {
      const decl = this.declarations.params.get(name);
      if (!decl) return unk(`param '${name}' is not declared`);
      if (this.paramSource?.unknownReason) return unk(this.paramSource.unknownReason);
      const given = this.paramSource?.get(name);
      // ARM treats a null parameter value as not given: the default applies.
      if (given && !(given.k === 'lit' && given.v === null)) return given;
      if (decl.default) return named(evaluate(decl.default, this.env), `param '${name}'`);
      if (decl.nullable) return NULL;
      const where = this.paramSource ? ` and is not given by ${this.paramSource.label}` : '';
      return unk(`depends on param '${name}', which has no default value${where}`);
    });
    this.params.set(name, value);
    return value;
  }

  variable(name: string): Val {
    const cached = this.vars.get(name);
    if (cached) return cached;
    const decl = this.declarations.vars.get(name);
    if (!decl) return unk(`var '${name}' is not declared`);
    const value = this.guarded(`v:${name}`, () => named(evaluate(decl.value, this.env), `var '${name}'`));
    this.vars.set(name, value);
    return value;
  }

  /** `.bicepparam`: the value of `param NAME = value`. */
  assignment(name: string): Val {
    const node = this.declarations.assignments.get(name);
    if (!node) return unk(`param '${name}' is not assigned`);
    return this.guarded(`a:${name}`, () => evaluate(node, this.env));
  }

  func(name: string, namespace?: string): Lambda | undefined {
    if (namespace !== undefined) {
      const imported = this.importTable().get(namespace);
      return imported?.kind === 'ns' ? imported.program.func(name) : undefined;
    }
    const decl = this.declarations.funcs.get(name);
    if (decl) return makeLambda(decl.params, decl.body, new Env(this));
    const imported = this.importTable().get(name);
    return imported?.kind === 'fn' ? imported.fn : undefined;
  }

  output(name: string): Val {
    const node = this.declarations.outputs.get(name);
    if (!node) return unk(`no output '${name}' in ${this.file}`);
    return this.guarded(`o:${name}`, () => evaluate(node, this.env));
  }

  /** `import {a, b as c} from 'x.bicep'` and `import * as ns from 'x.bicep'`: exported variables and functions. */
  private importTable() {
    if (this.imports) return this.imports;
    this.imports = new Map();
    for (const decl of this.declarations.imports) {
      const at = locationOf(this.env, decl.node);
      if (/^(br|ts)[:/]/.test(decl.path)) {
        for (const local of decl.names.keys())
          this.imports.set(local, {
            kind: 'value',
            value: () => unk(`depends on '${local}' imported from ${decl.path}`),
          });
        continue;
      }
      const file = this.context.bicepFile(relativeTo(this.file, decl.path), at);
      if (!file) continue;
      const program = new Program(this.context, file, undefined, this.prefix, [...this.callers, this.file]);
      if (decl.namespace) this.imports.set(decl.namespace, { kind: 'ns', program });
      for (const [local, exported] of decl.names) {
        if (file.declarations.funcs.has(exported)) {
          const fn = program.func(exported);
          if (fn) this.imports.set(local, { kind: 'fn', fn });
        } else if (file.declarations.vars.has(exported)) {
          this.imports.set(local, { kind: 'value', value: () => program.variable(exported) });
        }
      }
    }
    return this.imports;
  }

  /** Resource declarations by symbol (top level; nested ones hang off their parent). */
  resourceGroups(): Map<string, ResourceGroup> {
    if (!this.groups) {
      this.groups = new Map();
      for (const decl of this.declarations.resources)
        this.groups.set(decl.symbol, new ResourceGroup(this, decl, undefined));
    }
    return this.groups;
  }

  modules(): Map<string, ModuleGroup> {
    if (!this.moduleGroups) {
      this.moduleGroups = new Map();
      for (const decl of this.declarations.modules)
        this.moduleGroups.set(decl.symbol, new ModuleGroup(this, decl));
    }
    return this.moduleGroups;
  }

  /** Every resource instance of this program and of the local modules it calls, nested ones included. */
  allResources(): ResourceInstance[] {
    const out: ResourceInstance[] = [];
    const visit = (group: ResourceGroup) => {
      for (const instance of group.instances()) {
        out.push(instance);
        for (const nested of instance.nestedGroups().values()) visit(nested);
      }
    };
    for (const group of this.resourceGroups().values()) visit(group);
    return out;
  }

  allModules(): ModuleInstance[] {
    return [...this.modules().values()].flatMap((group) => group.instances());
  }
}

/** An unknown value read through a symbol says so: `depends on var 'x': depends on resourceGroup()`. */
function named(value: Val, symbol: string): Val {
  if (value.k !== 'unk' || value.reason.includes(symbol)) return value;
  const reason = value.reason.startsWith('depends on ')
    ? value.reason.slice('depends on '.length)
    : value.reason;
  const copy: Unk = { k: 'unk', reason: `depends on ${symbol}, which depends on ${reason}` };
  if (value.ref) copy.ref = value.ref;
  if (value.nonEmpty) copy.nonEmpty = true;
  if (value.at) copy.at = value.at;
  return copy;
}

/** A path written in a Bicep file (`./modules/aks.bicep`), as reported relative to the working directory. */
export function relativeTo(file: string, path: string): string {
  return normalize(join(dirname(file), path));
}

/** How a declaration is instantiated: once, under a condition, or once per loop item. */
interface Instantiation {
  env: Env;
  body: SyntaxNode | undefined;
  index?: number;
  /** `true`, or why it is not known that the declaration is deployed. */
  condition: true | Unk;
  /** A loop whose list is unknown: one instance stands for all of them. */
  symbolic?: string;
}

function instantiate(value: SyntaxNode, env: Env): Instantiation[] {
  if (value.type === 'object') return [{ env, body: value, condition: true }];
  if (value.type === 'if_statement') {
    const condition = conditionOf(value, env);
    if (condition === false) return [];
    return [{ env, body: bodyObject(value), condition }];
  }
  if (value.type === 'for_statement') {
    const parts: LoopParts | undefined = loopParts(value, env);
    if (!parts) return [];
    const iterations = loopIterations(parts, env);
    if (!Array.isArray(iterations)) {
      const inner = env.with(symbolicIteration(parts, iterations.reason));
      const condition = parts.body.type === 'if_statement' ? conditionOf(parts.body, inner) : true;
      if (condition === false) return [];
      return [{ env: inner, body: bodyObject(parts.body), condition, symbolic: iterations.reason }];
    }
    const out: Instantiation[] = [];
    iterations.forEach((bindings, index) => {
      const inner = env.with(bindings);
      const condition = parts.body.type === 'if_statement' ? conditionOf(parts.body, inner) : true;
      if (condition === false) return;
      out.push({ env: inner, body: bodyObject(parts.body), index, condition });
    });
    return out;
  }
  return [];
}

/**
 * What a declaration's symbol means in an expression: its instance, or the list of its loop's instances (unknown
 * when the loop's list is).
 */
function symbolOf<T extends { symbolic: string | undefined }>(
  instances: T[],
  looped: boolean,
  what: string,
  wrap: (instance: T) => Val,
): Val {
  if (!looped) {
    const only = instances[0];
    return only ? wrap(only) : unk(`${what} is not deployed`);
  }
  const symbolic = instances.length === 1 ? instances[0]!.symbolic : undefined;
  return symbolic ? unk(symbolic) : arr(instances.map(wrap));
}

/** One resource declaration and its instances. */
export class ResourceGroup {
  private cached?: ResourceInstance[];
  private looped: boolean;

  constructor(
    readonly program: Program,
    readonly decl: ResourceDecl,
    readonly parent: ResourceInstance | undefined,
  ) {
    this.looped = decl.value.type === 'for_statement';
  }

  instances(): ResourceInstance[] {
    if (!this.cached) {
      this.cached = [];
      const env = this.parent?.env ?? this.program.env;
      for (const instantiation of instantiate(this.decl.value, env))
        this.cached.push(new ResourceInstance(this, instantiation, this.looped));
    }
    return this.cached;
  }

  symbolValue(): Val {
    return symbolOf(this.instances(), this.looped, `the resource '${this.decl.symbol}'`, (resource) => ({
      k: 'res',
      resource,
    }));
  }
}

const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters';

export class ResourceInstance implements ResourceHandle {
  readonly symbol: string;
  readonly env: Env;
  readonly existing: boolean;
  readonly condition: true | Unk;
  readonly symbolic: string | undefined;
  readonly index: number | undefined;
  private bodyValue?: Val;
  private nestedMap?: Map<string, ResourceGroup>;

  constructor(
    readonly group: ResourceGroup,
    instantiation: Instantiation,
    looped: boolean,
  ) {
    const { decl, parent, program } = group;
    const indexText = looped ? `[${instantiation.symbolic ? '*' : instantiation.index}]` : '';
    this.symbol = parent
      ? `${parent.symbol}::${decl.symbol}${indexText}`
      : `${program.prefix}${decl.symbol}${indexText}`;
    this.env = instantiation.env;
    this.existing = decl.existing;
    this.condition = instantiation.condition;
    this.symbolic = instantiation.symbolic;
    this.index = instantiation.index;
    this.bodyNode = instantiation.body;
  }

  private readonly bodyNode: SyntaxNode | undefined;

  get program(): Program {
    return this.group.program;
  }

  /** Where the resource is declared. */
  get location(): Location {
    return locationOf(this.env, this.group.decl.node);
  }

  /** The resource type without its API version, nested types made full (`.../managedClusters/agentPools`). */
  get type(): string {
    const written = this.group.decl.typeText.split('@')[0]!;
    const parent = this.group.parent;
    if (parent && !written.includes('.')) return `${parent.type}/${written}`;
    return written;
  }

  get apiVersion(): string | undefined {
    const version = this.group.decl.typeText.split('@')[1];
    return version ?? this.group.parent?.apiVersion;
  }

  get isCluster(): boolean {
    return this.type.toLowerCase() === MANAGED_CLUSTERS;
  }

  /** The evaluated body object (name, properties, parent, scope...). */
  body(): Val {
    if (!this.bodyValue) {
      this.bodyValue = unk('circular reference');
      this.bodyValue = this.bodyNode
        ? evaluateObject(this.bodyNode, this.env)
        : unk(`the body of '${this.symbol}' not understood`);
    }
    return this.bodyValue;
  }

  property(name: string): Val | undefined {
    const body = this.body();
    return body.k === 'obj' ? getProp(body, name) : undefined;
  }

  name(): Val {
    return this.property('name') ?? unk(`the name of '${this.symbol}' not understood`);
  }

  /** The parent: the resource this one is nested in, or its `parent:` property. */
  parentInstance(): ResourceInstance | undefined {
    if (this.group.parent) return this.group.parent;
    const parent = this.property('parent');
    return parent?.k === 'res' && parent.resource instanceof ResourceInstance ? parent.resource : undefined;
  }

  /** The `scope:` property, when it is a resource of this deployment. */
  scopeInstance(): ResourceInstance | undefined {
    const scope = this.property('scope');
    return scope?.k === 'res' && scope.resource instanceof ResourceInstance ? scope.resource : undefined;
  }

  nestedGroups(): Map<string, ResourceGroup> {
    if (!this.nestedMap) {
      this.nestedMap = new Map();
      for (const nested of this.group.decl.nested)
        this.nestedMap.set(nested.symbol, new ResourceGroup(this.program, nested, this));
    }
    return this.nestedMap;
  }

  nested(symbol: string): Val | undefined {
    return this.nestedGroups().get(symbol)?.symbolValue();
  }
}

/** One module declaration and its instances. */
export class ModuleGroup {
  private cached?: ModuleInstance[];
  private readonly looped: boolean;

  constructor(
    readonly program: Program,
    readonly decl: ModuleDecl,
  ) {
    this.looped = decl.value.type === 'for_statement';
  }

  instances(): ModuleInstance[] {
    if (!this.cached) {
      this.cached = instantiate(this.decl.value, this.program.env).map(
        (instantiation) => new ModuleInstance(this, instantiation, this.looped),
      );
    }
    return this.cached;
  }

  symbolValue(): Val {
    return symbolOf(this.instances(), this.looped, `the module '${this.decl.symbol}'`, (module) => ({
      k: 'mod',
      module,
    }));
  }
}

export class ModuleInstance implements ModuleHandle {
  readonly symbol: string;
  readonly env: Env;
  readonly condition: true | Unk;
  readonly symbolic: string | undefined;
  private readonly bodyNode: SyntaxNode | undefined;
  private bodyValue?: Val;
  private child?: Program | null;
  private registry?: RegistryModule | null;

  constructor(
    readonly group: ModuleGroup,
    instantiation: Instantiation,
    looped: boolean,
  ) {
    const indexText = looped ? `[${instantiation.symbolic ? '*' : instantiation.index}]` : '';
    this.symbol = `${group.program.prefix}${group.decl.symbol}${indexText}`;
    this.env = instantiation.env;
    this.condition = instantiation.condition;
    this.symbolic = instantiation.symbolic;
    this.bodyNode = instantiation.body;
  }

  get program(): Program {
    return this.group.program;
  }

  get path(): string {
    return this.group.decl.path;
  }

  get location(): Location {
    return locationOf(this.env, this.group.decl.node);
  }

  /** A module from a registry or template spec (`br/public:...`, `br:...`, `ts:...`). */
  get remote(): boolean {
    return /^(br|ts)[:/]/.test(this.path);
  }

  body(): Val {
    if (!this.bodyValue) {
      this.bodyValue = unk('circular reference');
      this.bodyValue = this.bodyNode
        ? evaluateObject(this.bodyNode, this.env)
        : unk(`the module '${this.symbol}' not understood`);
    }
    return this.bodyValue;
  }

  /** The `params` object of the call. */
  params(): Obj | Unk {
    const body = this.body();
    if (body.k !== 'obj') return body.k === 'unk' ? body : unk(`the module '${this.symbol}' not understood`);
    const params = getProp(body, 'params');
    if (!params) return { k: 'obj', props: new Map() };
    if (params.k === 'obj') return params;
    return unk(
      params.k === 'unk'
        ? `the params of module '${this.symbol}': ${params.reason}`
        : `the params of module '${this.symbol}' not understood`,
    );
  }

  /** The local module file evaluated with this call's parameters (`null` for registry modules and unreadable files). */
  childProgram(): Program | undefined {
    if (this.child === undefined) {
      this.child = null;
      const path = relativeTo(this.program.file, this.path);
      const callers = [...this.program.callers, this.program.file];
      if (callers.includes(path)) {
        const location = this.location;
        this.program.context.issues.push({
          level: 'error',
          file: location.file,
          line: location.line,
          message: `module ${this.path} calls itself through ${callers.join(' → ')}: not followed`,
        });
      } else if (!this.remote && callers.length <= MAX_MODULE_DEPTH && /\.bicep$/i.test(this.path)) {
        const file = this.program.context.bicepFile(path, this.location);
        if (file) {
          const params = this.params();
          const source: ParamSource = {
            label: `module '${this.symbol}'`,
            get: (name) => (params.k === 'obj' ? getProp(params, name) : undefined),
          };
          if (params.k === 'unk') source.unknownReason = params.reason;
          this.child = new Program(this.program.context, file, source, `${this.symbol}.`, callers);
        }
      }
    }
    return this.child ?? undefined;
  }

  registryModule(): RegistryModule | undefined {
    if (this.registry === undefined) this.registry = this.program.context.registryModule(this) ?? null;
    return this.registry ?? undefined;
  }

  output(name: string): Val {
    const child = this.childProgram();
    if (child) return unlocated(child.output(name));
    const registry = this.registryModule();
    if (registry) return registry.output(name);
    const value = unk(`depends on output '${name}' of module '${this.symbol}' (${this.path})`);
    // Every Verified Module of a resource outputs `resourceId`, the id of what it deploys.
    if (/avm\/res\//i.test(this.path) && name === 'resourceId') value.nonEmpty = true;
    return value;
  }
}

export { lit };
