#!/usr/bin/env node
// A client-go exec credential plugin (client.authentication.k8s.io/v1beta1 ExecCredential), as kubelogin is one:
// prints a bearer token from FAKE_TOKEN. FAKE_EXEC_LOG names a file that gets one line per run; FAKE_EXEC_FAIL makes
// it fail the way kubelogin does without a login.
import { appendFileSync } from 'node:fs';

if (process.env.FAKE_EXEC_LOG) appendFileSync(process.env.FAKE_EXEC_LOG, 'run\n');
if (process.env.FAKE_EXEC_FAIL) {
  process.stderr.write(`${process.env.FAKE_EXEC_FAIL}\n`);
  process.exit(1);
}
const expiration = new Date(Date.now() + 3600_000).toISOString();
process.stdout.write(
  JSON.stringify({
    kind: 'ExecCredential',
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    spec: { interactive: false },
    status: { expirationTimestamp: expiration, token: process.env.FAKE_TOKEN ?? '' },
  }),
);
