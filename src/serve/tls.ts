/**
 * The webhook's serving certificate: from mounted files (a cert-manager Certificate's Secret, or any kubernetes.io/tls
 * Secret), read again when they change (the kubelet swaps the files of a Secret volume when the Secret is renewed), or
 * a self-signed pair made at start for `<service>.<namespace>.svc` whose CA bundle is written for the webhook
 * configuration's `caBundle`.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsPair {
  cert: string;
  key: string;
}

export class TlsError extends Error {}

/** Reads and checks a certificate and key (PEM): a pair that does not match, or is not PEM, is refused. */
export function loadTlsFiles(certFile: string, keyFile: string): TlsPair {
  let pair: TlsPair;
  try {
    pair = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  } catch (error) {
    throw new TlsError(
      `cannot read the TLS files ${certFile}, ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}`,
    );
  }
  try {
    createSecureContext(pair);
  } catch (error) {
    // The key's text never appears in the message.
    throw new TlsError(
      `${certFile} and ${keyFile} are not a matching PEM certificate and key (${(error as Error).message.split('\n')[0]})`,
    );
  }
  return pair;
}

/**
 * Calls `onChange` with the new pair when either file changes (polled: a Secret volume swaps a symlink, which file
 * events do not always report); a pair that does not load is reported and the old one kept.
 */
export function watchTlsFiles(
  certFile: string,
  keyFile: string,
  onChange: (pair: TlsPair) => void,
  onError: (message: string) => void,
  intervalMs = 10_000,
): () => void {
  const reload = () => {
    try {
      onChange(loadTlsFiles(certFile, keyFile));
    } catch (error) {
      onError(`TLS reload: ${(error as Error).message}; the previous certificate stays in use`);
    }
  };
  watchFile(certFile, { interval: intervalMs, persistent: false }, reload);
  watchFile(keyFile, { interval: intervalMs, persistent: false }, reload);
  return () => {
    unwatchFile(certFile, reload);
    unwatchFile(keyFile, reload);
  };
}

/**
 * A CA and a serving certificate it signed (EC P-256, SHA-256) for the webhook's Service DNS names, valid `days`.
 * The API server verifies the webhook against the `caBundle` of its configuration, so `ca` goes there.
 */
export async function selfSignedTls(options: {
  service: string;
  namespace: string;
  days?: number;
  now?: Date;
}): Promise<TlsPair & { ca: string }> {
  const notBefore = new Date((options.now ?? new Date()).getTime() - 5 * 60_000);
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  // selfsigned (and its crypto) loaded when a certificate is made, not when the CLI starts.
  const { generate } = await import('selfsigned');
  const ca = await generate([{ name: 'commonName', value: `aksguard webhook CA (${options.namespace})` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const names = [
    options.service,
    `${options.service}.${options.namespace}`,
    `${options.service}.${options.namespace}.svc`,
    `${options.service}.${options.namespace}.svc.cluster.local`,
  ];
  const server = await generate(
    [{ name: 'commonName', value: `${options.service}.${options.namespace}.svc` }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...names.map((value) => ({ type: 2 as const, value })),
            { type: 7 as const, ip: '127.0.0.1' },
          ],
        },
      ],
    },
  );
  return { ca: ca.cert, cert: server.cert, key: server.private };
}
