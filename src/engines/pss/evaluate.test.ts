import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePod, type PssPolicy } from './evaluate.js';
import { activeChecks, effectiveCheck, MAX_POLICY_VERSION } from './registry.js';
import type { CheckId } from './types.js';

type Json = Record<string, unknown>;

/** The minimal restricted pod of the upstream fixtures, with a container and an init container. */
function restrictedPod(patch: (spec: Json) => void = () => {}, annotations?: Record<string, string>): Json {
  const sc = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  const spec: Json = {
    containers: [{ name: 'app', image: 'x', securityContext: sc() }],
    initContainers: [{ name: 'init', image: 'x', securityContext: sc() }],
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  };
  patch(spec);
  return { metadata: { name: 'p', ...(annotations ? { annotations } : {}) }, spec };
}

const containers = (spec: Json) => spec.containers as Json[];
const sc = (spec: Json, i = 0) => containers(spec)[i]!.securityContext as Json;
const RESTRICTED: PssPolicy = { level: 'restricted', version: 'latest' };
const BASELINE: PssPolicy = { level: 'baseline', version: 'latest' };

function only(pod: Json, policy: PssPolicy) {
  const result = evaluatePod(pod, policy);
  assert.equal(result.violations.length, 1, JSON.stringify(result.violations.map((v) => v.check)));
  return result.violations[0]!;
}

describe('evaluatePod: reasons, details and field paths as upstream writes them', () => {
  const cases: {
    name: string;
    pod: Json;
    policy?: PssPolicy;
    check: CheckId;
    reason: string;
    detail: string;
    paths?: string[];
  }[] = [
    {
      name: 'privileged',
      pod: restrictedPod((s) => {
        sc(s).privileged = true;
      }),
      check: 'privileged',
      reason: 'privileged',
      detail: 'container "app" must not set securityContext.privileged=true',
      paths: ['spec.containers.0.securityContext.privileged'],
    },
    {
      name: 'host namespaces, sorted',
      pod: restrictedPod((s) => {
        s.hostPID = true;
        s.hostNetwork = true;
      }),
      check: 'hostNamespaces',
      reason: 'host namespaces',
      detail: 'hostNetwork, hostPID',
      paths: ['spec.hostNetwork', 'spec.hostPID'],
    },
    {
      name: 'hostPath volume at baseline',
      pod: restrictedPod((s) => {
        s.volumes = [
          { name: 'v1', emptyDir: {} },
          { name: 'host', hostPath: { path: '/' } },
        ];
      }),
      policy: BASELINE,
      check: 'hostPathVolumes',
      reason: 'hostPath volumes',
      detail: 'volume "host"',
      paths: ['spec.volumes.1.hostPath'],
    },
    {
      name: 'hostPath volume at restricted is a restricted volume type',
      pod: restrictedPod((s) => {
        s.volumes = [
          { name: 'host', hostPath: { path: '/' } },
          { name: 'files', azureFile: { shareName: 's' } },
        ];
      }),
      check: 'restrictedVolumes',
      reason: 'restricted volume types',
      detail: 'volumes "host", "files" use restricted volume types "azureFile", "hostPath"',
      paths: ['spec.volumes.0.hostPath', 'spec.volumes.1.azureFile'],
    },
    {
      name: 'host ports, deduplicated and sorted as strings',
      pod: restrictedPod((s) => {
        containers(s)[0]!.ports = [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 81, hostPort: 443 },
        ];
      }),
      check: 'hostPorts',
      reason: 'hostPort',
      detail: 'container "app" uses hostPorts 443, 8080',
      paths: ['spec.containers.0.ports.0.hostPort', 'spec.containers.0.ports.1.hostPort'],
    },
    {
      name: 'probe host',
      pod: restrictedPod((s) => {
        containers(s)[0]!.livenessProbe = { httpGet: { host: '127.0.0.1', port: 80 } };
        containers(s)[0]!.lifecycle = { preStop: { tcpSocket: { host: 'bad.host', port: 80 } } };
      }),
      check: 'hostProbesAndHostLifecycle',
      reason: 'probe or lifecycle host',
      detail: 'container "app" uses probe or lifecycle hosts "127.0.0.1", "bad.host"',
      paths: [
        'spec.containers.0.livenessProbe.httpGet.host',
        'spec.containers.0.lifecycle.preStop.tcpSocket.host',
      ],
    },
    {
      name: 'baseline capabilities (NET_RAW is not in the default set)',
      pod: restrictedPod((s) => {
        (sc(s).capabilities as Json).add = ['NET_RAW', 'CHOWN', 'SYS_ADMIN'];
      }),
      policy: BASELINE,
      check: 'capabilities_baseline',
      reason: 'non-default capabilities',
      detail: 'container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
      paths: [
        'spec.containers.0.securityContext.capabilities.add.0',
        'spec.containers.0.securityContext.capabilities.add.2',
      ],
    },
    {
      name: 'restricted capabilities',
      pod: restrictedPod((s) => {
        sc(s).capabilities = { add: ['NET_BIND_SERVICE', 'CHOWN'] };
      }),
      check: 'capabilities_restricted',
      reason: 'unrestricted capabilities',
      detail:
        'container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "CHOWN" in securityContext.capabilities.add',
    },
    {
      name: 'AppArmor field and annotation',
      pod: restrictedPod(
        (s) => {
          sc(s).appArmorProfile = { type: 'Unconfined' };
        },
        { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
      ),
      check: 'appArmorProfile',
      reason: 'forbidden AppArmor profiles',
      detail:
        'container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
      paths: [
        'spec.containers.0.securityContext.appArmorProfile.type',
        'metadata.annotations.container.apparmor.security.beta.kubernetes.io/app',
      ],
    },
    {
      name: 'SELinux user without a bad type',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).seLinuxOptions = { user: 'root' };
      }),
      check: 'seLinuxOptions',
      reason: 'seLinuxOptions',
      detail: 'pod set forbidden securityContext.seLinuxOptions: user may not be set',
      paths: ['spec.securityContext.seLinuxOptions.user'],
    },
    {
      name: 'SELinux type and role',
      pod: restrictedPod((s) => {
        sc(s).seLinuxOptions = { type: 'spc_t', role: 'r' };
      }),
      check: 'seLinuxOptions',
      reason: 'seLinuxOptions',
      detail:
        'container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; role may not be set',
    },
    {
      name: 'procMount',
      pod: restrictedPod((s) => {
        sc(s).procMount = 'Unmasked';
      }),
      policy: BASELINE,
      check: 'procMount',
      reason: 'procMount',
      detail: 'container "app" must not set securityContext.procMount to "Unmasked"',
    },
    {
      name: 'seccomp Unconfined at baseline',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).seccompProfile = { type: 'Unconfined' };
      }),
      policy: BASELINE,
      check: 'seccompProfile_baseline',
      reason: 'seccompProfile',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
    },
    {
      name: 'seccomp annotations before v1.19',
      pod: restrictedPod(() => {}, {
        'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/init': 'unconfined',
      }),
      policy: { level: 'baseline', version: 18 },
      check: 'seccompProfile_baseline',
      reason: 'seccompProfile',
      detail:
        'forbidden annotations container.seccomp.security.alpha.kubernetes.io/init="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
    },
    {
      name: 'seccomp missing at restricted',
      pod: restrictedPod((s) => {
        delete (s.securityContext as Json).seccompProfile;
        sc(s).seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
      }),
      check: 'seccompProfile_restricted',
      reason: 'seccompProfile',
      detail:
        'pod or container "init" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    },
    {
      name: 'sysctls keep their order',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).sysctls = [
          { name: 'kernel.msgmax', value: '1' },
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'kernel.core_pattern', value: 'x' },
        ];
      }),
      check: 'sysctls',
      reason: 'forbidden sysctls',
      detail: 'kernel.msgmax, kernel.core_pattern',
      paths: ['spec.securityContext.sysctls.0.name', 'spec.securityContext.sysctls.2.name'],
    },
    {
      name: 'Windows hostProcess',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).windowsOptions = { hostProcess: true };
        sc(s).windowsOptions = { hostProcess: true };
      }),
      check: 'windowsHostProcess',
      reason: 'hostProcess',
      detail: 'pod and container "app" must not set securityContext.windowsOptions.hostProcess=true',
    },
    {
      name: 'allowPrivilegeEscalation unset',
      pod: restrictedPod((s) => {
        delete sc(s).allowPrivilegeEscalation;
      }),
      check: 'allowPrivilegeEscalation',
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "app" must set securityContext.allowPrivilegeEscalation=false',
      paths: ['spec.containers.0.securityContext.allowPrivilegeEscalation'],
    },
    {
      name: 'runAsNonRoot explicitly false beats the implicit message',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).runAsNonRoot = false;
        sc(s).runAsNonRoot = false;
      }),
      check: 'runAsNonRoot',
      reason: 'runAsNonRoot != true',
      detail: 'pod and container "app" must not set securityContext.runAsNonRoot=false',
    },
    {
      name: 'runAsNonRoot missing',
      pod: restrictedPod((s) => {
        delete (s.securityContext as Json).runAsNonRoot;
        sc(s).runAsNonRoot = true;
      }),
      check: 'runAsNonRoot',
      reason: 'runAsNonRoot != true',
      detail: 'pod or container "init" must set securityContext.runAsNonRoot=true',
      paths: ['spec.initContainers.0.securityContext.runAsNonRoot'],
    },
    {
      name: 'runAsUser 0',
      pod: restrictedPod((s) => {
        (s.securityContext as Json).runAsUser = 0;
      }),
      check: 'runAsUser',
      reason: 'runAsUser=0',
      detail: 'pod must not set runAsUser=0',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const violation = only(c.pod, c.policy ?? RESTRICTED);
      assert.equal(violation.check, c.check);
      assert.equal(violation.reason, c.reason);
      assert.equal(violation.detail, c.detail);
      if (c.paths) {
        assert.deepEqual(
          violation.fields.map((f) => f.path.join('.')),
          c.paths,
        );
      }
    });
  }
});

describe('evaluatePod: version history', () => {
  const at = (pod: Json, level: 'baseline' | 'restricted', version: number | 'latest') =>
    evaluatePod(pod, { level, version }).violations.map((v) => v.check);

  it('container_engine_t is an allowed SELinux type from v1.31', () => {
    const pod = restrictedPod((s) => {
      sc(s).seLinuxOptions = { type: 'container_engine_t' };
    });
    assert.deepEqual(at(pod, 'baseline', 30), ['seLinuxOptions']);
    assert.deepEqual(at(pod, 'baseline', 31), []);
  });

  it('the safe sysctl list grows at v1.27, v1.29, v1.32 and v1.37', () => {
    const steps: [string, number][] = [
      ['net.ipv4.ip_local_reserved_ports', 27],
      ['net.ipv4.tcp_keepalive_time', 29],
      ['net.ipv4.tcp_fin_timeout', 29],
      ['net.ipv4.tcp_keepalive_intvl', 29],
      ['net.ipv4.tcp_keepalive_probes', 29],
      ['net.ipv4.tcp_rmem', 32],
      ['net.ipv4.tcp_wmem', 32],
      ['net.ipv4.tcp_slow_start_after_idle', 37],
      ['net.ipv4.tcp_notsent_lowat', 37],
    ];
    for (const [name, since] of steps) {
      const pod = restrictedPod((s) => {
        (s.securityContext as Json).sysctls = [{ name, value: '1' }];
      });
      assert.deepEqual(at(pod, 'baseline', since - 1), ['sysctls'], name);
      assert.deepEqual(at(pod, 'baseline', since), [], name);
    }
  });

  it('probe hosts are checked from v1.34', () => {
    const pod = restrictedPod((s) => {
      containers(s)[0]!.readinessProbe = { tcpSocket: { host: '10.0.0.1', port: 1 } };
    });
    assert.deepEqual(at(pod, 'baseline', 33), []);
    assert.deepEqual(at(pod, 'baseline', 34), ['hostProbesAndHostLifecycle']);
  });

  it('hostUsers: false relaxes runAsNonRoot, runAsUser and baseline procMount from v1.35, not procMount_restricted', () => {
    const pod = restrictedPod((s) => {
      s.hostUsers = false;
      delete (s.securityContext as Json).runAsNonRoot;
      (s.securityContext as Json).runAsUser = 0;
      sc(s).procMount = 'Unmasked';
    });
    assert.deepEqual(at(pod, 'baseline', 34), ['procMount']);
    assert.deepEqual(at(pod, 'baseline', 35), []);
    assert.deepEqual(at(pod, 'restricted', 34), ['procMount', 'runAsNonRoot', 'runAsUser']);
    assert.deepEqual(at(pod, 'restricted', 35), ['procMount_restricted']);
  });

  it('restricted requirements arrive at v1.8, v1.19, v1.22 and v1.23', () => {
    const bare = {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'x' }],
        securityContext: { runAsNonRoot: true, runAsUser: 0 },
      },
    };
    assert.deepEqual(at(bare, 'restricted', 7), []);
    assert.deepEqual(at(bare, 'restricted', 8), ['allowPrivilegeEscalation']);
    assert.deepEqual(at(bare, 'restricted', 19), ['allowPrivilegeEscalation', 'seccompProfile_restricted']);
    assert.deepEqual(at(bare, 'restricted', 22), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    assert.deepEqual(at(bare, 'restricted', 23), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
  });

  it('Windows pods are exempt from allowPrivilegeEscalation, capabilities and seccomp from v1.25, not from runAsNonRoot', () => {
    const pod = {
      metadata: { name: 'w' },
      spec: { os: { name: 'windows' }, containers: [{ name: 'c', image: 'x' }] },
    };
    assert.deepEqual(at(pod, 'restricted', 24), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    assert.deepEqual(at(pod, 'restricted', 25), ['runAsNonRoot']);
  });

  it('a Windows pod adding capabilities passes restricted from v1.25 but not baseline: the override exempts it (upstream)', () => {
    const pod = {
      metadata: { name: 'w' },
      spec: {
        os: { name: 'windows' },
        securityContext: { runAsNonRoot: true },
        containers: [{ name: 'c', image: 'x', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
      },
    };
    assert.deepEqual(at(pod, 'baseline', 'latest'), ['capabilities_baseline']);
    assert.deepEqual(at(pod, 'restricted', 24), [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    assert.deepEqual(at(pod, 'restricted', 25), []);
  });

  it('ephemeral containers are checked', () => {
    const pod = restrictedPod((s) => {
      s.ephemeralContainers = [{ name: 'debug', image: 'x', securityContext: { privileged: true } }];
    });
    const violation = evaluatePod(pod, BASELINE).violations[0]!;
    assert.equal(violation.detail, 'container "debug" must not set securityContext.privileged=true');
    assert.deepEqual(violation.fields[0], {
      path: ['spec', 'ephemeralContainers', 0, 'securityContext', 'privileged'],
      container: 'debug',
    });
  });

  it('a volume without a source is an emptyDir; image volumes are allowed', () => {
    const pod = restrictedPod((s) => {
      s.volumes = [{ name: 'scratch' }, { name: 'img', image: { reference: 'r' } }, { name: 'n', nfs: null }];
    });
    assert.deepEqual(at(pod, 'restricted', 'latest'), []);
  });

  it('overrides: the restricted check judges what the baseline check covered', () => {
    assert.equal(effectiveCheck('capabilities_baseline', 'restricted', 21), 'capabilities_baseline');
    assert.equal(effectiveCheck('capabilities_baseline', 'restricted', 22), 'capabilities_restricted');
    assert.equal(effectiveCheck('seccompProfile_baseline', 'restricted', 19), 'seccompProfile_restricted');
    assert.equal(effectiveCheck('hostPathVolumes', 'restricted', 0), 'restrictedVolumes');
    assert.equal(effectiveCheck('procMount', 'restricted', 'latest'), 'procMount_restricted');
    assert.equal(effectiveCheck('procMount', 'baseline', 'latest'), 'procMount');
    assert.equal(effectiveCheck('runAsUser', 'restricted', 22), undefined);
    assert.equal(effectiveCheck('runAsUser', 'baseline', 'latest'), undefined);
  });

  it('counts 12 baseline and 19 - 4 overridden = 15 restricted checks at the newest version; none when privileged', () => {
    assert.equal(MAX_POLICY_VERSION, 37);
    assert.equal(activeChecks('baseline', 'latest').length, 12);
    assert.equal(activeChecks('restricted', 'latest').length, 15);
    assert.equal(activeChecks('privileged', 'latest').length, 0);
    // Asking for privileged between two asks for another level answers each alike (the last answer is kept).
    const restricted = activeChecks('restricted', 30);
    assert.equal(activeChecks('privileged', 30).length, 0);
    assert.equal(activeChecks('restricted', 30), restricted);
    assert.ok(activeChecks('baseline', 30).length < restricted.length);
    assert.equal(activeChecks('privileged', 30).length, 0);
    assert.ok(activeChecks('baseline', 30).length < restricted.length);
  });

  it('tolerates ill-typed and missing fields', () => {
    for (const spec of [
      undefined,
      null,
      'x',
      { containers: 'x' },
      { containers: [null, 3] },
      { volumes: [{}] },
    ]) {
      assert.equal(evaluatePod({ spec }, BASELINE).allowed, true, JSON.stringify(spec));
    }
  });
});
