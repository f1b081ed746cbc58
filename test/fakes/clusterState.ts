/**
 * The objects a fake API server serves, stored the way a real API server stores what `kubectl apply` sent: uid,
 * resourceVersion, creationTimestamp, generation, the defaults the API server fills in (k8s.io/kubernetes
 * pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, batch/v1/defaults.go), what admission adds (the
 * ServiceAccount plugin's `kube-api-access-*` projected volume, DefaultTolerationSeconds, Priority), what the
 * controllers create (ReplicaSets and Pods with ownerReferences, StatefulSet and DaemonSet Pods, Jobs of CronJobs,
 * the `default` ServiceAccount and `kube-root-ca.crt` ConfigMap of every namespace, the `kubernetes` Service) and a
 * status. Deterministic: the same manifests give the same objects, uids included.
 */
import { createHash } from 'node:crypto';
import { KUBERNETES_KINDS, type KubernetesKindInfo } from '../../src/model/inputs.js';

export type Json = Record<string, unknown>;

export interface StoredObject {
  info: KubernetesKindInfo;
  namespace?: string;
  name: string;
  /** As the API server returns it in a list item (no apiVersion/kind for built-in kinds). */
  body: Json;
}

const BY_KIND = new Map<string, KubernetesKindInfo>(
  Object.values(KUBERNETES_KINDS).map((info) => [info.kind, info]),
);

const CREATED = '2025-11-04T09:12:31Z';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A stable 10-character hash, as the controllers' pod-template-hash / generated-name suffixes look. */
function shortHash(text: string, length = 10): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i]! % alphabet.length];
  return out;
}

function uidOf(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface ClusterOptions {
  /** Node names the DaemonSets run on. Default: three nodes of an AKS system pool. */
  nodes?: string[];
  /** Replicas of Deployments and StatefulSets that set none are 1, as the API defaults. */
  maxReplicas?: number;
}

/** The served objects of a fake cluster. */
export class FakeClusterState {
  readonly objects: StoredObject[] = [];
  private revision = 1000;
  private readonly nodes: string[];
  private readonly maxReplicas: number;
  private readonly namespaces = new Set<string>();
  private readonly accounts = new Set<string>();
  private readonly keys = new Set<string>();
  private nextClusterIp = 0;

  constructor(options: ClusterOptions = {}) {
    this.nodes = options.nodes ?? [
      'aks-system-31245678-vmss000000',
      'aks-system-31245678-vmss000001',
      'aks-system-31245678-vmss000002',
    ];
    this.maxReplicas = options.maxReplicas ?? 3;
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    this.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }], type: 'ClusterIP' },
    });
  }

  /** The current resourceVersion of the store. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** `kubectl apply` of manifests (objects without a namespace go to `namespace`); Lists are expanded. */
  applyAll(manifests: readonly unknown[], namespace = 'default'): this {
    for (const manifest of manifests) {
      if (!isObject(manifest)) continue;
      if (
        typeof manifest.kind === 'string' &&
        manifest.kind.endsWith('List') &&
        Array.isArray(manifest.items)
      ) {
        this.applyAll(manifest.items, namespace);
        continue;
      }
      this.apply(manifest, namespace);
    }
    return this;
  }

  apply(manifest: Json, defaultNamespace = 'default'): void {
    const kind = String(manifest.kind);
    const info = BY_KIND.get(kind);
    if (!info) return;
    const body = clone(manifest);
    const metadata = isObject(body.metadata) ? body.metadata : {};
    body.metadata = metadata;
    const namespace = info.namespaced ? String(metadata.namespace ?? defaultNamespace) : undefined;
    if (namespace !== undefined) {
      metadata.namespace = namespace;
      if (!this.namespaces.has(namespace))
        this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    }
    if (metadata.name === undefined && typeof metadata.generateName === 'string')
      metadata.name = `${metadata.generateName}${shortHash(JSON.stringify(body), 5)}`;
    const name = String(metadata.name);
    const key = `${info.kind}/${namespace ?? ''}/${name}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.stamp(info, body, `${kind}/${namespace ?? ''}/${name}`);
    delete body.apiVersion;
    delete body.kind;
    this.defaults(info, body, namespace);
    this.objects.push({ info, ...(namespace !== undefined ? { namespace } : {}), name, body });
    this.controllers(info, body, namespace);
  }

  private stamp(info: KubernetesKindInfo, body: Json, identity: string): void {
    const metadata = body.metadata as Json;
    metadata.uid = uidOf(identity);
    metadata.resourceVersion = String(++this.revision);
    metadata.creationTimestamp = CREATED;
    // The API server keeps metadata.generation for the kinds that have a spec/status split, custom resources too.
    if (
      ['apps', 'batch', 'networking.k8s.io'].includes(info.group) ||
      info.kind === 'ReplicationController' ||
      info.optional
    )
      metadata.generation = 1;
    // What server-side apply records; aksguard drops it, as kubectl hides it.
    metadata.managedFields = [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'v1',
        time: CREATED,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:annotations': {} } },
      },
    ];
  }

  private defaults(info: KubernetesKindInfo, body: Json, namespace: string | undefined): void {
    const spec = isObject(body.spec) ? body.spec : undefined;
    switch (info.kind) {
      case 'Namespace': {
        const metadata = body.metadata as Json;
        const name = String(metadata.name);
        metadata.labels = {
          ...(isObject(metadata.labels) ? metadata.labels : {}),
          'kubernetes.io/metadata.name': name,
        };
        body.spec = { finalizers: ['kubernetes'] };
        body.status = { phase: 'Active' };
        this.namespaces.add(name);
        // The ServiceAccount controller and the root-CA publisher fill every new namespace.
        this.apply({
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace: name },
        });
        this.apply({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'kube-root-ca.crt',
            namespace: name,
            annotations: {
              'kubernetes.io/description':
                'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
            },
          },
          data: {
            'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQ...\n-----END CERTIFICATE-----\n',
          },
        });
        break;
      }
      case 'ServiceAccount':
        this.accounts.add(`${namespace}/${String((body.metadata as Json).name)}`);
        break;
      case 'Secret':
        body.type ??= 'Opaque';
        break;
      case 'Service':
        if (spec)
          defaultService(spec, String((body.metadata as Json).name), namespace!, () => this.nextClusterIp++);
        body.status =
          spec?.type === 'LoadBalancer'
            ? { loadBalancer: { ingress: [{ ip: '20.61.12.34', ipMode: 'VIP' }] } }
            : { loadBalancer: {} };
        break;
      case 'Pod':
        if (spec)
          defaultPodSpec(
            spec,
            this.accountExists(namespace!, spec),
            `${namespace}/${String((body.metadata as Json).name)}`,
          );
        body.status = podStatus(spec, namespace!, String((body.metadata as Json).name), this.nodes);
        break;
      case 'Deployment':
        if (spec) {
          spec.replicas ??= 1;
          spec.revisionHistoryLimit ??= 10;
          spec.progressDeadlineSeconds ??= 600;
          spec.strategy ??= {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
          };
          defaultTemplate(spec);
        }
        body.status = {
          observedGeneration: 1,
          replicas: spec?.replicas,
          readyReplicas: spec?.replicas,
          availableReplicas: spec?.replicas,
          updatedReplicas: spec?.replicas,
        };
        break;
      case 'StatefulSet':
        if (spec) {
          spec.replicas ??= 1;
          spec.podManagementPolicy ??= 'OrderedReady';
          spec.revisionHistoryLimit ??= 10;
          spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
          spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
          defaultTemplate(spec);
        }
        body.status = {
          observedGeneration: 1,
          replicas: spec?.replicas,
          readyReplicas: spec?.replicas,
          availableReplicas: spec?.replicas,
        };
        break;
      case 'DaemonSet':
        if (spec) {
          spec.revisionHistoryLimit ??= 10;
          spec.updateStrategy ??= {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
          };
          defaultTemplate(spec);
        }
        body.status = {
          desiredNumberScheduled: this.nodes.length,
          numberReady: this.nodes.length,
          observedGeneration: 1,
        };
        break;
      case 'ReplicaSet':
        if (spec) {
          spec.replicas ??= 1;
          defaultTemplate(spec);
        }
        body.status = {
          replicas: spec?.replicas,
          readyReplicas: spec?.replicas,
          availableReplicas: spec?.replicas,
          observedGeneration: 1,
        };
        break;
      case 'Job':
        if (spec) {
          spec.backoffLimit ??= 6;
          spec.completions ??= 1;
          spec.parallelism ??= 1;
          spec.completionMode ??= 'NonIndexed';
          spec.suspend ??= false;
          spec.podReplacementPolicy ??= 'TerminatingOrFailed';
          defaultTemplate(spec, 'Never');
        }
        body.status = { succeeded: 1, ready: 0, terminating: 0, startTime: CREATED, completionTime: CREATED };
        break;
      case 'CronJob':
        if (spec) {
          spec.concurrencyPolicy ??= 'Allow';
          spec.suspend ??= false;
          spec.successfulJobsHistoryLimit ??= 3;
          spec.failedJobsHistoryLimit ??= 1;
          const jobTemplate = isObject(spec.jobTemplate) ? spec.jobTemplate : {};
          const jobSpec = isObject(jobTemplate.spec) ? jobTemplate.spec : {};
          jobSpec.backoffLimit ??= 6;
          defaultTemplate(jobSpec, 'Never');
        }
        body.status = { lastScheduleTime: CREATED };
        break;
      case 'NetworkPolicy':
        if (spec) {
          spec.policyTypes ??= ['Ingress', ...(Array.isArray(spec.egress) ? ['Egress'] : [])];
          for (const rule of [...asArray(spec.ingress), ...asArray(spec.egress)])
            for (const port of asArray((rule as Json).ports)) (port as Json).protocol ??= 'TCP';
        }
        break;
      case 'Ingress':
        body.status = { loadBalancer: { ingress: [{ ip: '20.61.12.40' }] } };
        break;
    }
  }

  private accountExists(namespace: string, spec: Json): boolean {
    const name = String(spec.serviceAccountName ?? 'default');
    return this.accounts.has(`${namespace}/${name}`) || name === 'default';
  }

  /** What the controllers create from a workload: ReplicaSets and Pods, Pods of StatefulSets and DaemonSets, Jobs. */
  private controllers(info: KubernetesKindInfo, body: Json, namespace: string | undefined): void {
    const metadata = body.metadata as Json;
    const spec = isObject(body.spec) ? body.spec : undefined;
    if (!spec) return;
    const owner = {
      apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`,
      kind: info.kind,
      name: String(metadata.name),
      uid: String(metadata.uid),
      controller: true,
      blockOwnerDeletion: true,
    };
    const template = isObject(spec.template) ? spec.template : undefined;
    const replicas = Math.min(Number(spec.replicas ?? 1), this.maxReplicas);
    switch (info.kind) {
      case 'Deployment':
      case 'Rollout': {
        // Argo Rollouts makes ReplicaSets the way the Deployment controller does, with its own hash label and
        // revision annotation (argo-rollouts utils/replicaset, DefaultRolloutUniqueLabelKey).
        const rollout = info.kind === 'Rollout';
        const hash = shortHash(JSON.stringify(template));
        const hashLabel = rollout ? 'rollouts-pod-template-hash' : 'pod-template-hash';
        const labels = { ...(templateLabels(template) ?? {}), [hashLabel]: hash };
        this.apply(
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: {
              name: `${owner.name}-${hash}`,
              namespace,
              labels,
              annotations: rollout
                ? { 'rollout.argoproj.io/revision': '1' }
                : {
                    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
                    'deployment.kubernetes.io/max-replicas': String(Number(spec.replicas) + 1),
                    'deployment.kubernetes.io/revision': '1',
                  },
              ownerReferences: [owner],
            },
            spec: {
              replicas: spec.replicas ?? 1,
              selector: { matchLabels: { ...selectorLabels(spec), [hashLabel]: hash } },
              template: withLabels(template, labels),
            },
          },
          namespace,
        );
        break;
      }
      case 'ReplicaSet':
      case 'ReplicationController':
      case 'Job':
        for (let i = 0; i < (info.kind === 'Job' ? 1 : replicas); i++)
          this.pod(
            template,
            namespace!,
            `${owner.name}-${shortHash(`${owner.uid}/${i}`, 5)}`,
            owner,
            info.kind === 'Job' ? { 'batch.kubernetes.io/job-name': owner.name, 'job-name': owner.name } : {},
          );
        break;
      case 'StatefulSet':
        for (let i = 0; i < replicas; i++)
          this.pod(template, namespace!, `${owner.name}-${i}`, owner, {
            'apps.kubernetes.io/pod-index': String(i),
            'controller-revision-hash': `${owner.name}-${shortHash(JSON.stringify(template))}`,
            'statefulset.kubernetes.io/pod-name': `${owner.name}-${i}`,
          });
        break;
      case 'DaemonSet':
        for (const node of this.nodes)
          this.pod(
            template,
            namespace!,
            `${owner.name}-${shortHash(`${owner.uid}/${node}`, 5)}`,
            owner,
            {
              'controller-revision-hash': shortHash(JSON.stringify(template)),
              'pod-template-generation': '1',
            },
            node,
          );
        break;
      case 'CronJob': {
        const jobTemplate = isObject(spec.jobTemplate) ? spec.jobTemplate : {};
        this.apply(
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              name: `${owner.name}-29361240`,
              namespace,
              ownerReferences: [owner],
              labels: templateLabels(jobTemplate) ?? {},
            },
            spec: clone(jobTemplate.spec ?? {}),
          },
          namespace,
        );
        break;
      }
    }
  }

  private pod(
    template: Json | undefined,
    namespace: string,
    name: string,
    owner: Json,
    extraLabels: Record<string, string>,
    node?: string,
  ): void {
    const metadata = isObject(template?.metadata) ? clone(template.metadata) : {};
    metadata.name = name;
    metadata.namespace = namespace;
    metadata.labels = { ...(isObject(metadata.labels) ? metadata.labels : {}), ...extraLabels };
    metadata.ownerReferences = [owner];
    const spec = clone(isObject(template?.spec) ? template.spec : {});
    if (node) spec.nodeName = node;
    this.apply({ apiVersion: 'v1', kind: 'Pod', metadata, spec }, namespace);
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function templateLabels(template: Json | undefined): Record<string, string> | undefined {
  const metadata = isObject(template?.metadata) ? template.metadata : undefined;
  return isObject(metadata?.labels) ? (metadata.labels as Record<string, string>) : undefined;
}

function selectorLabels(spec: Json): Record<string, string> {
  const selector = isObject(spec.selector) ? spec.selector : {};
  return isObject(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {};
}

function withLabels(template: Json | undefined, labels: Record<string, string>): Json {
  const copy = clone(template ?? {});
  copy.metadata = { ...(isObject(copy.metadata) ? copy.metadata : {}), labels, creationTimestamp: null };
  return copy;
}

/** A workload's pod template, defaulted as the API server does (SetDefaults_PodTemplateSpec → PodSpec). */
function defaultTemplate(spec: Json, restartPolicy = 'Always'): void {
  const template = isObject(spec.template) ? spec.template : {};
  spec.template = template;
  template.metadata = { creationTimestamp: null, ...(isObject(template.metadata) ? template.metadata : {}) };
  const podSpec = isObject(template.spec) ? template.spec : {};
  template.spec = podSpec;
  podSpec.restartPolicy ??= restartPolicy;
  defaultPodSpecFields(podSpec);
}

function defaultPodSpecFields(spec: Json): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const key of ['initContainers', 'containers'] as const)
    for (const container of asArray(spec[key])) {
      if (!isObject(container)) continue;
      container.terminationMessagePath ??= '/dev/termination-log';
      container.terminationMessagePolicy ??= 'File';
      const image = String(container.image ?? '');
      const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
      container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
      container.resources ??= {};
      for (const port of asArray(container.ports)) if (isObject(port)) port.protocol ??= 'TCP';
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        if (isObject(container[probe])) {
          const p = container[probe] as Json;
          p.timeoutSeconds ??= 1;
          p.periodSeconds ??= 10;
          p.successThreshold ??= 1;
          p.failureThreshold ??= 3;
        }
    }
}

/** A Pod as stored: PodSpec defaults plus what admission adds (ServiceAccount token volume, tolerations, priority). */
function defaultPodSpec(spec: Json, _accountKnown: boolean, identity: string): void {
  defaultPodSpecFields(spec);
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const priorityClass = spec.priorityClassName;
  spec.priority ??=
    priorityClass === 'system-node-critical'
      ? 2000001000
      : priorityClass === 'system-cluster-critical'
        ? 2000000000
        : 0;
  // ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount).
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken !== false) {
    const volume = `kube-api-access-${shortHash(identity, 5)}`;
    spec.volumes = [
      ...asArray(spec.volumes),
      {
        name: volume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                ],
              },
            },
          ],
        },
      },
    ];
    for (const key of ['initContainers', 'containers'] as const)
      for (const container of asArray(spec[key]))
        if (isObject(container))
          container.volumeMounts = [
            ...asArray(container.volumeMounts),
            { name: volume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
          ];
  }
  // DefaultTolerationSeconds admission plugin.
  const tolerations = asArray(spec.tolerations);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])
    if (!tolerations.some((t) => isObject(t) && t.key === key))
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  spec.tolerations = tolerations;
}

function podStatus(spec: Json | undefined, namespace: string, name: string, nodes: readonly string[]): Json {
  const index = Number.parseInt(
    createHash('sha1').update(`${namespace}/${name}`).digest('hex').slice(0, 6),
    16,
  );
  const node = typeof spec?.nodeName === 'string' ? spec.nodeName : nodes[index % nodes.length]!;
  if (spec && spec.nodeName === undefined) spec.nodeName = node;
  const hostIp = `10.224.0.${4 + nodes.indexOf(node)}`;
  const podIp = spec?.hostNetwork === true ? hostIp : `10.244.${index % 250}.${(index >> 8) % 250}`;
  return {
    phase: 'Running',
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    qosClass: 'Burstable',
    startTime: CREATED,
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: CREATED }],
    containerStatuses: asArray(spec?.containers).map((container) => ({
      name: (container as Json).name,
      image: (container as Json).image,
      imageID: `${String((container as Json).image).split(':')[0]}@sha256:${createHash('sha256')
        .update(String((container as Json).image))
        .digest('hex')}`,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: CREATED } },
    })),
  };
}

function defaultService(spec: Json, name: string, namespace: string, allocate: () => number): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.clusterIP !== 'None') {
    const octet = namespace === 'default' && name === 'kubernetes' ? 1 : allocate() + 10;
    spec.clusterIP ??= `10.0.${Math.floor(octet / 250)}.${octet % 250}`;
    spec.clusterIPs = [spec.clusterIP];
  }
  for (const port of asArray(spec.ports)) {
    if (!isObject(port)) continue;
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && port.nodePort === undefined)
      port.nodePort = 30000 + ((Number(port.port) * 7 + name.length * 131) % 2767);
  }
  if (spec.type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    spec.allocateLoadBalancerNodePorts ??= true;
  }
  if (spec.type === 'NodePort') spec.externalTrafficPolicy ??= 'Cluster';
}
