/** `aksguard serve` as the chart runs it (warn; high and critical enforced), on 127.0.0.1 at a port of the system's choosing. */
export function webhookArgs(kubeconfig: string): string[] {
  return [
    'serve',
    '--self-signed',
    '--kubeconfig',
    kubeconfig,
    '--address',
    '127.0.0.1',
    '--port',
    '0',
    '--no-config',
    '--mode',
    'warn',
    '--mode-for',
    'critical=enforce',
    '--mode-for',
    'high=enforce',
  ];
}
