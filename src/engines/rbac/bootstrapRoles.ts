// Generated from test/conformance/rbac/data/bootstrap/{controller-roles,namespace-roles}.yaml (Kubernetes bootstrap
// policy, kubernetes/kubernetes@008b3652959ca58af8be3fb5b6ecfe9ae7638282, Apache-2.0; see that folder's PROVENANCE.md).
// Only kind, namespace, name and rules are kept; test/conformance/rbac/builtin.test.ts checks this copy against the YAML.

/** A controller ClusterRole or a namespaced bootstrap Role the API server creates. */
export interface BuiltinRole {
  kind: 'ClusterRole' | 'Role';
  name: string;
  namespace?: string;
  rules: unknown[];
}

/** The controller ClusterRoles and the Roles of kube-system and kube-public, in file order. */
export const BOOTSTRAP_ROLES: readonly BuiltinRole[] = [
  {
    kind: 'ClusterRole',
    name: 'system:controller:attachdetach-controller',
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumeclaims', 'persistentvolumes'],
        verbs: ['list', 'watch'],
      },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      {
        apiGroups: ['storage.k8s.io'],
        resources: ['volumeattachments'],
        verbs: ['create', 'delete', 'get', 'list', 'watch'],
      },
      { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get', 'list', 'watch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:certificate-controller',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests'],
        verbs: ['delete', 'get', 'list', 'watch'],
      },
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests/approval', 'certificatesigningrequests/status'],
        verbs: ['update'],
      },
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: ['kubernetes.io/kube-apiserver-client-kubelet'],
        resources: ['signers'],
        verbs: ['approve'],
      },
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: [
          'kubernetes.io/kube-apiserver-client',
          'kubernetes.io/kube-apiserver-client-kubelet',
          'kubernetes.io/kubelet-serving',
          'kubernetes.io/legacy-unknown',
        ],
        resources: ['signers'],
        verbs: ['sign'],
      },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:clusterrole-aggregation-controller',
    rules: [
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['escalate', 'get', 'list', 'patch', 'update', 'watch'],
      },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:cronjob-controller',
    rules: [
      { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'list', 'update', 'watch'] },
      {
        apiGroups: ['batch'],
        resources: ['jobs'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: ['batch'], resources: ['cronjobs/status'], verbs: ['update'] },
      { apiGroups: ['batch'], resources: ['cronjobs/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:daemon-set-controller',
    rules: [
      { apiGroups: ['apps', 'extensions'], resources: ['daemonsets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps', 'extensions'], resources: ['daemonsets/status'], verbs: ['update'] },
      { apiGroups: ['apps', 'extensions'], resources: ['daemonsets/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
      { apiGroups: [''], resources: ['pods/binding'], verbs: ['create'] },
      {
        apiGroups: ['apps'],
        resources: ['controllerrevisions'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:deployment-controller',
    rules: [
      {
        apiGroups: ['apps', 'extensions'],
        resources: ['deployments'],
        verbs: ['get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['apps', 'extensions'], resources: ['deployments/status'], verbs: ['update'] },
      { apiGroups: ['apps', 'extensions'], resources: ['deployments/finalizers'], verbs: ['update'] },
      {
        apiGroups: ['apps', 'extensions'],
        resources: ['replicasets'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:device-taint-eviction-controller',
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceslices'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['resource.k8s.io'], resources: ['deviceclasses'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:disruption-controller',
    rules: [
      { apiGroups: ['apps', 'extensions'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['replicationcontrollers'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: ['*'], resources: ['*/scale'], verbs: ['get'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:endpoint-controller',
    rules: [
      { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: [''],
        resources: ['endpoints'],
        verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['endpoints/restricted'], verbs: ['create'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:endpointslice-controller',
    rules: [
      { apiGroups: [''], resources: ['nodes', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services/finalizers'], verbs: ['update'] },
      {
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:endpointslicemirroring-controller',
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['endpoints/finalizers'], verbs: ['update'] },
      {
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:ephemeral-volume-controller',
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:expand-controller',
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumes'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:generic-garbage-collector',
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:horizontal-pod-autoscaler',
    rules: [
      {
        apiGroups: ['autoscaling'],
        resources: ['horizontalpodautoscalers'],
        verbs: ['get', 'list', 'watch'],
      },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers/status'], verbs: ['update'] },
      { apiGroups: ['*'], resources: ['*/scale'], verbs: ['get', 'update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['custom.metrics.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['external.metrics.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:job-controller',
    rules: [
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs/status'], verbs: ['update'] },
      { apiGroups: ['batch'], resources: ['jobs/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:legacy-service-account-token-cleaner',
    rules: [
      {
        apiGroups: [''],
        resourceNames: ['kube-apiserver-legacy-service-account-token-tracking'],
        resources: ['configmaps'],
        verbs: ['get'],
      },
      { apiGroups: [''], resources: ['secrets'], verbs: ['delete', 'patch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:namespace-controller',
    rules: [
      { apiGroups: [''], resources: ['namespaces'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['namespaces/finalize', 'namespaces/status'], verbs: ['update'] },
      { apiGroups: ['*'], resources: ['*'], verbs: ['delete', 'deletecollection', 'get', 'list', 'watch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:node-controller',
    rules: [
      { apiGroups: [''], resources: ['nodes'], verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:persistent-volume-binder',
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumes'],
        verbs: ['create', 'delete', 'get', 'list', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['persistentvolumes/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'watch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:pod-garbage-collector',
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:pv-protection-controller',
    rules: [
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:pvc-protection-controller',
    rules: [
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:replicaset-controller',
    rules: [
      {
        apiGroups: ['apps', 'extensions'],
        resources: ['replicasets'],
        verbs: ['get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets/status'], verbs: ['update'] },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:replication-controller',
    rules: [
      { apiGroups: [''], resources: ['replicationcontrollers'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: [''], resources: ['replicationcontrollers/status'], verbs: ['update'] },
      { apiGroups: [''], resources: ['replicationcontrollers/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:resource-claim-controller',
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/finalizers'], verbs: ['update'] },
      {
        apiGroups: ['resource.k8s.io'],
        resources: ['resourceclaims'],
        verbs: ['create', 'delete', 'get', 'list', 'watch'],
      },
      {
        apiGroups: ['resource.k8s.io'],
        resources: ['resourceclaims', 'resourceclaims/status'],
        verbs: ['patch', 'update'],
      },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceclaims/binding'], verbs: ['patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:resourcequota-controller',
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['resourcequotas/status'], verbs: ['update'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:root-ca-cert-publisher',
    rules: [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'update'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:route-controller',
    rules: [
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:selinux-warning-controller',
    rules: [
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: ['get', 'list', 'watch'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:service-account-controller',
    rules: [
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:service-cidrs-controller',
    rules: [
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['servicecidrs'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['servicecidrs/finalizers'],
        verbs: ['patch', 'update'],
      },
      { apiGroups: ['networking.k8s.io'], resources: ['servicecidrs/status'], verbs: ['patch', 'update'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ipaddresses'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:service-controller',
    rules: [
      { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:statefulset-controller',
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['statefulsets/status'], verbs: ['update'] },
      { apiGroups: ['apps'], resources: ['statefulsets/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      {
        apiGroups: ['apps'],
        resources: ['controllerrevisions'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['delete', 'update'] },
      { apiGroups: [''], resources: ['pods/finalizers'], verbs: ['update'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:ttl-after-finished-controller',
    rules: [
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:ttl-controller',
    rules: [
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'patch', 'update', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:validatingadmissionpolicy-status-controller',
    rules: [
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: ['validatingadmissionpolicies'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: ['validatingadmissionpolicies/status'],
        verbs: ['get', 'patch', 'update'],
      },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'ClusterRole',
    name: 'system:controller:volumeattributesclass-protection-controller',
    rules: [
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['storage.k8s.io'],
        resources: ['volumeattributesclasses'],
        verbs: ['get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'Role',
    name: 'system:controller:bootstrap-signer',
    namespace: 'kube-public',
    rules: [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resourceNames: ['cluster-info'], resources: ['configmaps'], verbs: ['update'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
  {
    kind: 'Role',
    name: 'extension-apiserver-authentication-reader',
    namespace: 'kube-system',
    rules: [
      {
        apiGroups: [''],
        resourceNames: ['extension-apiserver-authentication'],
        resources: ['configmaps'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  },
  {
    kind: 'Role',
    name: 'system::leader-locking-kube-controller-manager',
    namespace: 'kube-system',
    rules: [
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['create', 'get', 'list', 'update', 'watch'],
      },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leasecandidates'],
        verbs: ['create', 'get', 'list', 'update', 'watch'],
      },
    ],
  },
  {
    kind: 'Role',
    name: 'system::leader-locking-kube-scheduler',
    namespace: 'kube-system',
    rules: [
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['create', 'get', 'list', 'update', 'watch'],
      },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leasecandidates'],
        verbs: ['create', 'get', 'list', 'update', 'watch'],
      },
    ],
  },
  {
    kind: 'Role',
    name: 'system:controller:bootstrap-signer',
    namespace: 'kube-system',
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
  },
  {
    kind: 'Role',
    name: 'system:controller:cloud-provider',
    namespace: 'kube-system',
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'watch'] }],
  },
  {
    kind: 'Role',
    name: 'system:controller:token-cleaner',
    namespace: 'kube-system',
    rules: [
      { apiGroups: [''], resources: ['secrets'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ],
  },
];
