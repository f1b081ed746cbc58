/**
 * A live source cannot start (no kubeconfig, unknown context, no credentials, bad Azure resource id): reported as a
 * usage error (exit 2), naming what to fix. Failures while reading (a 403 on one list, a timeout) are coverage
 * entries, never this.
 */
export class LiveSourceError extends Error {}
