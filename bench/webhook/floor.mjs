/**
 * The floor the webhook's figures are read against: a bare Node HTTPS server on the same machine, with the same
 * certificate kind, keep-alive and client, that reads each AdmissionReview, parses it and answers a fixed allow.
 * Whatever latency it shows is the machine's, the client's and Node's HTTP and TLS, not aksguard's. It takes its
 * certificate and key as PEM in AKSGUARD_FLOOR_TLS (JSON) and announces its port as `aksguard serve` does.
 */
import { createServer } from 'node:https';

const { cert, key } = JSON.parse(process.env.AKSGUARD_FLOOR_TLS ?? '{}');
// AKSGUARD_FLOOR_WARNINGS=N: the allow carries N warnings of 250 characters (the webhook's answers carry ~10).
const warnings = Array.from({ length: Number(process.env.AKSGUARD_FLOOR_WARNINGS ?? 0) }, () =>
  'w'.repeat(250),
);
const allowed = Buffer.from(
  JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: { uid: '', allowed: true, ...(warnings.length > 0 ? { warnings } : {}) },
  }),
);
const server = createServer({ cert, key, minVersion: 'TLSv1.2', keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': allowed.length });
    res.end(allowed);
  });
});
server.listen(0, '127.0.0.1', () =>
  process.stderr.write(
    `aksguard serve: listening on https://127.0.0.1:${server.address().port}/validate (floor)\n`,
  ),
);
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
