import { DEFAULT_DB_PORTS, databasesWideOpen } from '../../engines/netpol/index.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { containerPortPath, netpolOf, workloadLabel } from './netpolContext.js';

export default defineRule({
  id: 'NP-dbWideOpen',
  title: 'Database port reachable beyond its clients',
  description:
    'A database or broker port (PostgreSQL 5432, MySQL 3306, SQL Server 1433, Redis 6379, MongoDB 27017, RabbitMQ 5672, Cassandra 9042 …) should accept connections only from the workloads that use it. It is reported when its ingress is not isolated, or a rule opens it to any source, to public address space, to whole namespaces, or to every pod of its namespace.',
  severity: 'high',
  family: 'network',
  inputs: NETWORK,
  seed: true,
  refs: ['NSA/CISA Kubernetes Hardening Guide: network separation', 'OWASP Kubernetes Top 10 K07'],
  params: {
    ports: {
      default: DEFAULT_DB_PORTS,
      description: 'TCP ports treated as database or broker ports',
      schema: {
        type: 'array',
        items: { type: 'integer', minimum: 1, maximum: 65535 },
        title: 'a list of ports',
      },
    },
  },
  fix: {
    manifest:
      'ingress:\n  - from:\n      - podSelector: { matchLabels: { app: <client> } }\n    ports: [{ port: <db port> }]',
  },
  check(context) {
    const ports = Array.isArray(context.params.ports) ? (context.params.ports as number[]) : DEFAULT_DB_PORTS;
    for (const gap of databasesWideOpen(netpolOf(context), ports)) {
      const object = gap.workload.objects[0]!;
      context.report({
        object,
        path: containerPortPath(object, gap.port),
        key: `${gap.port}/${gap.workload.variant}`,
        severity: gap.from.some((f) => f === 'the Internet' || f === 'any source') ? 'critical' : 'high',
        message: `${workloadLabel(gap.workload)} exposes database port ${gap.protocol} ${gap.port} to ${gap.from.join(', ')}${
          gap.policies.length > 0
            ? ` (${gap.policies.map((p) => `NetworkPolicy ${p.namespace}/${p.name}`).join(', ')})`
            : ''
        }`,
        evidence: {
          port: gap.port,
          from: gap.from,
          policies: gap.policies.map((p) => `${p.namespace}/${p.name}`),
        },
      });
    }
  },
});
