import type { RuleContext } from '../../defineRule.js';
import { describeContainer, isPlainObject, workloadName } from './pods.js';

/** The check shared by the WL-RES rules: every regular and init container sets `resources.<kind>.<resource>`. */
export function missingResourceCheck(kind: 'requests' | 'limits', resource: 'cpu' | 'memory') {
  return (context: RuleContext): void => {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        // Ephemeral containers take no resources.
        if (ref.kind === 'ephemeralContainers') continue;
        const resources = isPlainObject(ref.container.resources) ? ref.container.resources : {};
        const values = isPlainObject(resources[kind]) ? resources[kind] : {};
        if (values[resource] !== undefined && values[resource] !== null) continue;
        context.report({
          object: template.owner,
          path: [...ref.path, 'resources', kind, resource],
          key: ref.name,
          message: `${workloadName(template)}, ${describeContainer(ref)}: resources.${kind}.${resource} is not set`,
          evidence: { container: ref.name },
        });
      }
    }
  };
}
