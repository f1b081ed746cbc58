import { generate } from 'selfsigned';

export interface TestTls {
  /** PEM of the certificate authority a kubeconfig trusts. */
  ca: string;
  /** The server's certificate (for 127.0.0.1 and localhost) and key. */
  cert: string;
  key: string;
}

let cached: Promise<TestTls> | undefined;

/**
 * A self-signed certificate authority and a server certificate it signed, made once per process (EC P-256, a day
 * of validity): what the fake API servers present, and what the kubeconfigs of the tests trust.
 */
export function testTls(): Promise<TestTls> {
  cached ??= (async () => {
    const now = new Date(Date.now() - 60_000);
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const ca = await generate([{ name: 'commonName', value: 'aksguard test CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: tomorrow,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: tomorrow,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    return { ca: ca.cert, cert: server.cert, key: server.private };
  })();
  return cached;
}
