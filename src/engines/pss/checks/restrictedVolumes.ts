import { joinQuote, list, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Inline volume sources the restricted profile allows (`image` was added without a version gate). */
export const ALLOWED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** The other volume sources of the core API, in the order upstream tests them. */
export const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function setsAllowedSource(volume: Record<string, unknown>): boolean {
  for (const source of ALLOWED_VOLUME_SOURCES) if (isSet(volume[source])) return true;
  return false;
}

/** The first restricted source the volume sets, in upstream's order. */
function restrictedSourceOf(volume: Record<string, unknown>): string | undefined {
  for (const source of RESTRICTED_VOLUME_SOURCES) if (isSet(volume[source])) return source;
  return undefined;
}

/**
 * Upstream `check_restrictedVolumes.go`. A volume naming no known source is defaulted to emptyDir by the API server
 * (`SetDefaults_Volume`) before admission sees it, so it passes here too.
 */
const restrictedVolumesV1Dot0: CheckPod = (pod) => {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: ViolationField[] = [];
  // Loops, not forEach and find: no closure per pod (holes skipped as forEach skips them).
  const volumes = list(pod.spec.volumes);
  for (let index = 0; index < volumes.length; index++) {
    if (!(index in volumes)) continue;
    const volume = record(volumes[index]);
    if (!volume || setsAllowedSource(volume)) continue;
    const source = restrictedSourceOf(volume);
    if (source === undefined) continue;
    bad.push(text(volume.name));
    types.push(source);
    fields.push({ path: ['spec', 'volumes', index, source] });
  }
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
    fields,
  };
};

export const restrictedVolumes: CheckDefinition = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [{ minVersion: 0, check: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }],
};
