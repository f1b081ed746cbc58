import { request } from 'node:https';
import { connect } from 'node:tls';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request to the webhook on 127.0.0.1, trusting `ca`. */
export function call(
  port: number,
  ca: string,
  options: { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/validate',
        ca,
        agent: false,
        headers: { 'Content-Type': 'application/json', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The subject common name of the certificate the server presents. */
export function servedCertificate(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const subject = socket.getPeerCertificate().subject?.CN;
      socket.end();
      resolve(String(subject));
    });
    socket.on('error', reject);
  });
}

export function review(
  object: Record<string, unknown>,
  overrides: { uid?: string; namespace?: string; operation?: string; kind?: Record<string, string> } = {},
): string {
  const apiVersion = String(object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const metadata = (object.metadata ?? {}) as { namespace?: string; name?: string };
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: overrides.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: overrides.kind ?? { group, version, kind: object.kind },
      resource: { group, version, resource: `${String(object.kind).toLowerCase()}s` },
      requestKind: { group, version, kind: object.kind },
      name: metadata.name,
      namespace: overrides.namespace ?? metadata.namespace,
      operation: overrides.operation ?? 'CREATE',
      userInfo: { username: 'alice@contoso.com', groups: ['system:authenticated'] },
      object,
      oldObject: null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  });
}

export function deployment(
  name: string,
  namespace: string,
  container: Record<string, unknown>,
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, ...container }] } },
    },
  };
}

/** A Deployment every workload rule passes at restricted. */
export function compliantDeployment(name: string, namespace: string): Record<string, unknown> {
  const object = deployment(name, namespace, {
    image: 'contoso.azurecr.io/web@sha256:0f4e1b1fba2b0c55bfa8a1e8e0e7d2ba8c2e2f0e9d1c3b4a5f6e7d8c9b0a1f2e',
    ports: [{ containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/live', port: 8080 } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
  const spec = (object.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  spec.serviceAccountName = name;
  spec.automountServiceAccountToken = false;
  spec.hostUsers = false;
  spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  return object;
}
