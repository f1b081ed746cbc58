import { joinQuote, list, pluralize, record, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_hostPathVolumes.go`: no `spec.volumes[*].hostPath`. */
const hostPathVolumesV1Dot0: CheckPod = (pod) => {
  const bad: string[] = [];
  const fields: ViolationField[] = [];
  list(pod.spec.volumes).forEach((item, index) => {
    const volume = record(item);
    if (volume && record(volume.hostPath)) {
      bad.push(text(volume.name));
      fields.push({ path: ['spec', 'volumes', index, 'hostPath'] });
    }
  });
  if (bad.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
    fields,
  };
};

export const hostPathVolumes: CheckDefinition = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [{ minVersion: 0, check: hostPathVolumesV1Dot0 }],
};
