import { containersPhrase, record } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_windowsHostProcess.go`: `windowsOptions.hostProcess` (pod and containers) must not be true. */
const windowsHostProcessV1Dot0: CheckPod = (pod) => {
  const setters: string[] = [];
  const fields: ViolationField[] = [];
  const bad: string[] = [];
  for (const c of pod.containers) {
    if (record(c.securityContext?.windowsOptions)?.hostProcess === true) {
      bad.push(c.name);
      fields.push({
        path: [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        container: c.name,
      });
    }
  }
  if (record(pod.securityContext?.windowsOptions)?.hostProcess === true) {
    setters.push('pod');
    fields.unshift({ path: ['spec', 'securityContext', 'windowsOptions', 'hostProcess'] });
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    fields,
  };
};

export const windowsHostProcess: CheckDefinition = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [{ minVersion: 0, check: windowsHostProcessV1Dot0 }],
};
