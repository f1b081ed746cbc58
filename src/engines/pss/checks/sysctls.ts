import { list, record, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** The namespaced, node-isolated ("safe") sysctls, as the list grew per policy version (upstream `check_sysctls.go`). */
const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [
  ...SAFE_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctlsCheck(safe: readonly string[]): CheckPod {
  const allowed = new Set(safe);
  return (pod) => {
    const forbidden: string[] = [];
    const fields: ViolationField[] = [];
    list(pod.securityContext?.sysctls).forEach((item, index) => {
      const name = text(record(item)?.name);
      if (!allowed.has(name)) {
        forbidden.push(name);
        fields.push({ path: ['spec', 'securityContext', 'sysctls', index, 'name'] });
      }
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), fields };
  };
}

export const sysctls: CheckDefinition = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minVersion: 0, check: sysctlsCheck(SAFE_1_0) },
    { minVersion: 27, check: sysctlsCheck(SAFE_1_27) },
    { minVersion: 29, check: sysctlsCheck(SAFE_1_29) },
    { minVersion: 32, check: sysctlsCheck(SAFE_1_32) },
    { minVersion: 37, check: sysctlsCheck(SAFE_1_37) },
  ],
};
