import { type FieldNode, isUnknown, objectNode, type Unknown, unknown } from '../../model/aksCluster.js';
import type { SkippedInput } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import { isJsonObject as isObject } from '../../model/json.js';
import type { PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { evaluateTemplateString, isExpression } from './armExpression.js';
import {
  type ArmScope,
  copyCount,
  deepEvaluate,
  isCopyLoop,
  TEMPLATE_BASE,
  templateScope,
} from './armScope.js';
import { setEntry } from './tree.js';

type Json = Record<string, unknown>;

const DEPLOYMENT_TYPE = /^microsoft\.resources\/deployments$/i;
/** Bound on nested and linked deployments (ARM itself allows deep nesting; a loop of links would not end). */
export const MAX_DEPLOYMENT_DEPTH = 16;
/** Bound on the resources one template may expand to (copy loops multiply). */
export const MAX_DEPLOYED_RESOURCES = 20_000;

/** A resource that a template deploys, with the document and scope its expressions are evaluated in. */
export interface DeployedResource {
  doc: SourceDocument;
  /** Path of the resource object in `doc`. */
  path: PathSegment[];
  value: Json;
  /** Full type (`Microsoft.ContainerService/managedClusters/agentPools` for a nested child). */
  type: string;
  /** Evaluated full name (`cluster/pool` for a child); unknown when it depends on the deployment. */
  fullName: unknown;
  /** Symbolic name in a `languageVersion: 2.0` template. */
  symbol?: string;
  scope: ArmScope;
}

export interface DeploymentContext {
  /** Reads a linked template (`templateLink.relativePath`, or a `uri` under the template's own base) relative to `from`. */
  readLinked(from: SourceDocument, relativePath: string): SourceDocument | undefined;
  /** Documents read as linked templates: they are part of their parent, not templates of their own. */
  linked: Set<SourceDocument>;
  skipped: SkippedInput[];
  issues: LoadIssue[];
}

/**
 * Every resource a template deploys, as ARM expands it: `condition`, resource `copy` loops (`copyIndex()`),
 * child resources, `languageVersion: 2.0` symbolic resources (an object; `existing` ones are references, not
 * deployed), and `Microsoft.Resources/deployments` with an inline template (scope `outer`: the parent's
 * parameters and variables; `inner`: its own, given by `properties.parameters`) or a linked one, at any depth.
 */
export function deployedResources(
  doc: SourceDocument,
  template: Json,
  scope: ArmScope,
  context: DeploymentContext,
  base: PathSegment[] = [],
  depth = 0,
): DeployedResource[] {
  const out: DeployedResource[] = [];
  const walk = (
    list: unknown,
    path: PathSegment[],
    parentType: string,
    parentName: unknown,
    outer: ArmScope,
  ) => {
    const entries: [PathSegment, unknown][] = Array.isArray(list)
      ? list.map((item, index) => [index, item])
      : isObject(list)
        ? Object.entries(list)
        : [];
    for (const [key, value] of entries) {
      if (out.length >= MAX_DEPLOYED_RESOURCES) return;
      if (!isObject(value) || typeof value.type !== 'string') continue;
      if (value.existing === true) continue;
      const ownPath = [...path, key];
      for (const instance of instances(value, outer, doc, ownPath, context)) {
        if ('condition' in value) {
          const condition = evaluate(value.condition, instance);
          if (condition === false || condition === 'false' || condition === 'False') continue;
        }
        const relative = parentType !== '' && !value.type.includes('/');
        const type = relative ? `${parentType}/${value.type}` : value.type;
        const name = evaluate(value.name, instance);
        const fullName =
          relative && typeof parentName === 'string' && typeof name === 'string'
            ? `${parentName}/${name}`
            : name;
        if (DEPLOYMENT_TYPE.test(type)) {
          out.push(...nestedDeployment(doc, value, ownPath, instance, context, depth));
          continue;
        }
        const resource: DeployedResource = { doc, path: ownPath, value, type, fullName, scope: instance };
        if (typeof key === 'string') resource.symbol = key;
        out.push(resource);
        if (value.resources !== undefined)
          walk(value.resources, [...ownPath, 'resources'], type, fullName, instance);
      }
    }
  };
  walk(template.resources, [...base, 'resources'], '', undefined, scope);
  return out;
}

function evaluate(value: unknown, scope: ArmScope): unknown {
  return typeof value === 'string' ? evaluateTemplateString(value, scope) : value;
}

/** The scopes of a resource's copies: one per iteration of its `copy` loop, or itself. */
function instances(
  resource: Json,
  scope: ArmScope,
  doc: SourceDocument,
  path: PathSegment[],
  context: DeploymentContext,
): ArmScope[] {
  const loop = resource.copy;
  if (!isObject(loop)) return [scope];
  const name = typeof loop.name === 'string' ? loop.name : undefined;
  const count = copyCount({ count: loop.count }, scope);
  if (isUnknown(count)) {
    // How many copies is unknown: the resource is read once, and what depends on copyIndex() is unknown.
    const at = doc.locate([...path, 'copy']);
    context.issues.push({
      level: 'note',
      file: at.file,
      line: at.line,
      message: `copy loop ${name ?? ''}: ${count.reason}; the resource is read once`.replace('  ', ' '),
    });
    return [scope.withCopy(undefined, count).withCopy(name, count)];
  }
  return Array.from({ length: count }, (_, index) => scope.withCopy(undefined, index).withCopy(name, index));
}

/** `Microsoft.Resources/deployments`: its inline or linked template, evaluated in the scope ARM gives it. */
function nestedDeployment(
  doc: SourceDocument,
  deployment: Json,
  path: PathSegment[],
  scope: ArmScope,
  context: DeploymentContext,
  depth: number,
): DeployedResource[] {
  const at = doc.locate(path);
  if (depth >= MAX_DEPLOYMENT_DEPTH) {
    context.issues.push({
      level: 'error',
      file: at.file,
      line: at.line,
      message: `more than ${MAX_DEPLOYMENT_DEPTH} nested deployments; the deeper ones are not read`,
    });
    return [];
  }
  const properties = isObject(deployment.properties) ? deployment.properties : {};
  const propertiesPath = [...path, 'properties'];
  if (isObject(properties.template)) {
    const template = properties.template;
    const options = isObject(properties.expressionEvaluationOptions)
      ? properties.expressionEvaluationOptions
      : {};
    const inner = typeof options.scope === 'string' && options.scope.toLowerCase() === 'inner';
    // Scope `outer` (ARM's default for nested templates): expressions see the parent template's parameters and variables.
    const nestedScope = inner ? innerScope(template, properties, scope, doc, propertiesPath, context) : scope;
    return deployedResources(doc, template, nestedScope, context, [...propertiesPath, 'template'], depth + 1);
  }
  if (isObject(properties.templateLink)) {
    const link = properties.templateLink;
    const target = linkTarget(link, scope);
    if (typeof target !== 'string') {
      skip(context, at, `linked template not read: ${target.reason}`);
      return [];
    }
    const linked = context.readLinked(doc, target);
    if (!linked || !isObject(linked.value)) {
      skip(context, at, `linked template ${JSON.stringify(target)} not found beside ${doc.file}`);
      return [];
    }
    context.linked.add(linked);
    // A linked template always has its own scope (`inner`).
    const linkedScope = innerScope(
      linked.value,
      properties,
      scope,
      doc,
      propertiesPath,
      context,
      linked.file,
    );
    return deployedResources(linked, linked.value, linkedScope, context, [], depth + 1);
  }
  return [];
}

function skip(context: DeploymentContext, at: { file: string; line: number }, reason: string): void {
  context.skipped.push({
    path: at.file,
    line: at.line,
    category: 'remote-source',
    reason,
    significant: true,
  });
}

/** Where a linked template is: a relative path, or an address under the template's own base; otherwise why not. */
function linkTarget(link: Json, scope: ArmScope): string | Unknown {
  const relativePath = evaluate(link.relativePath, scope);
  if (typeof relativePath === 'string' && relativePath !== '') return relativePath;
  const uri = evaluate(link.uri, scope);
  if (isUnknown(uri)) return unknown(`its uri depends on the deployment (${uri.reason})`);
  if (typeof uri === 'string' && uri.startsWith(TEMPLATE_BASE))
    return uri.slice(TEMPLATE_BASE.length).split('?')[0]!;
  if (typeof uri === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(uri))
    return unknown(`${JSON.stringify(uri.split('?')[0])} is remote (templates are not downloaded)`);
  if (typeof uri === 'string' && uri !== '') return uri;
  if (link.id !== undefined) return unknown('a template spec is not read');
  return unknown('no relativePath or uri');
}

/** The own scope of a nested (`inner`) or linked template: parameters given by the deployment, evaluated in the parent's scope. */
function innerScope(
  template: Json,
  properties: Json,
  parent: ArmScope,
  doc: SourceDocument,
  propertiesPath: PathSegment[],
  context: DeploymentContext,
  file = doc.file,
): ArmScope {
  const given = new Map<string, unknown>();
  if (isObject(properties.parameters)) {
    for (const [name, entry] of Object.entries(properties.parameters)) {
      if (!isObject(entry)) continue;
      given.set(
        name.toLowerCase(),
        'value' in entry
          ? deepEvaluate(entry.value, parent)
          : unknown(`parameter '${name}' is a Key Vault reference`),
      );
    }
  }
  let givenElsewhere: string | undefined;
  if (isObject(properties.parametersLink)) {
    const relative = evaluate(
      properties.parametersLink.relativePath ?? properties.parametersLink.uri,
      parent,
    );
    const parameters =
      typeof relative === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(relative)
        ? context.readLinked(doc, relative)
        : undefined;
    if (parameters && isObject(parameters.value) && isObject(parameters.value.parameters)) {
      context.linked.add(parameters);
      for (const [name, entry] of Object.entries(parameters.value.parameters))
        if (isObject(entry) && 'value' in entry && !given.has(name.toLowerCase()))
          given.set(name.toLowerCase(), entry.value);
    } else {
      const at = doc.locate([...propertiesPath, 'parametersLink']);
      givenElsewhere = 'given by a parametersLink that is not read';
      skip(context, at, 'linked parameters file not read');
    }
  }
  return templateScope({
    template,
    given,
    file,
    ...(givenElsewhere ? { givenElsewhere } : {}),
  });
}

/**
 * A resource body as a field tree: every expression evaluated in the resource's scope, property `copy` loops
 * expanded (each item located at the loop's `input`), every node located where it is written.
 */
export function armTree(
  doc: SourceDocument,
  value: unknown,
  path: readonly PathSegment[],
  scope: ArmScope,
  depth = 0,
): FieldNode {
  const location = doc.locate(path);
  if (typeof value === 'string') {
    if (!isExpression(value) && !value.startsWith('[[')) return { kind: 'value', value, location };
    return evaluatedNode(evaluateTemplateString(value, scope), location);
  }
  if (Array.isArray(value))
    return {
      kind: 'array',
      items: value.map((item, i) => armTree(doc, item, [...path, i], scope, depth + 1)),
      location,
    };
  if (isObject(value)) {
    const node = objectNode(location);
    for (const [key, child] of Object.entries(value)) {
      // Property iteration sits inside a resource's properties, never at the resource's own level.
      if (depth > 0 && key.toLowerCase() === 'copy' && Array.isArray(child) && child.every(isCopyLoop)) {
        (child as Json[]).forEach((loop, index) => {
          const loopPath = [...path, key, index];
          const name = String(loop.name);
          const count = copyCount(loop, scope);
          if (isUnknown(count)) {
            setEntry(node, name, { kind: 'unknown', reason: count.reason, location: doc.locate(loopPath) });
            return;
          }
          const items = Array.from({ length: count }, (_, i) =>
            armTree(doc, loop.input, [...loopPath, 'input'], scope.withCopy(name, i), depth + 1),
          );
          setEntry(node, name, { kind: 'array', items, location: doc.locate(loopPath) });
        });
        continue;
      }
      setEntry(node, key, armTree(doc, child, [...path, key], scope, depth + 1));
    }
    return node;
  }
  return { kind: 'value', value: (value ?? null) as string | number | boolean | null, location };
}

/** An evaluated expression's value as a node at the expression's location. */
function evaluatedNode(value: unknown, location: FieldNode['location']): FieldNode {
  if (isUnknown(value)) return { kind: 'unknown', reason: value.reason, ...(location ? { location } : {}) };
  if (Array.isArray(value))
    return {
      kind: 'array',
      items: value.map((item) => evaluatedNode(item, location)),
      ...(location ? { location } : {}),
    };
  if (isObject(value)) {
    const node = objectNode(location);
    for (const [key, child] of Object.entries(value)) setEntry(node, key, evaluatedNode(child, location));
    return node;
  }
  return {
    kind: 'value',
    value: (value ?? null) as string | number | boolean | null,
    ...(location ? { location } : {}),
  };
}
