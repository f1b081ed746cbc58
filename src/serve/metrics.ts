/**
 * The webhook's Prometheus metrics, in the text exposition format 0.0.4: the admission latency histogram (as
 * Kyverno's `kyverno_admission_review_duration_seconds`) and decisions by rule and mode. Label values come from
 * rule ids, modes and kinds the webhook knows, escaped as the format requires.
 */

/** Seconds: fine below 10 ms, where the webhook should answer, up to the API server's 30 s limit. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export class WebhookMetrics {
  private readonly counts = new Array<number>(BUCKETS.length).fill(0);
  private sum = 0;
  private total = 0;
  /** `allowed|denied|refused` → count. */
  private readonly reviews = new Map<string, number>();
  /** rule → mode → findings (no key string made per finding). */
  private readonly findings = new Map<string, Map<string, number>>();
  inFlight = 0;

  observe(seconds: number, outcome: 'allowed' | 'denied' | 'refused'): void {
    this.total++;
    this.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.counts[i]!++;
    this.reviews.set(outcome, (this.reviews.get(outcome) ?? 0) + 1);
  }

  finding(ruleId: string, mode: string): void {
    let byMode = this.findings.get(ruleId);
    if (byMode === undefined) {
      byMode = new Map();
      this.findings.set(ruleId, byMode);
    }
    byMode.set(mode, (byMode.get(mode) ?? 0) + 1);
  }

  text(): string {
    const lines: string[] = [
      '# HELP aksguard_admission_review_duration_seconds Time to answer an AdmissionReview, from the last byte received to the response written.',
      '# TYPE aksguard_admission_review_duration_seconds histogram',
    ];
    for (const [i, bound] of BUCKETS.entries())
      lines.push(`aksguard_admission_review_duration_seconds_bucket{le="${bound}"} ${this.counts[i]}`);
    lines.push(`aksguard_admission_review_duration_seconds_bucket{le="+Inf"} ${this.total}`);
    lines.push(`aksguard_admission_review_duration_seconds_sum ${this.sum}`);
    lines.push(`aksguard_admission_review_duration_seconds_count ${this.total}`);
    lines.push(
      '# HELP aksguard_admission_reviews_total AdmissionReviews answered, by outcome (refused: not a valid AdmissionReview).',
      '# TYPE aksguard_admission_reviews_total counter',
    );
    for (const [outcome, count] of [...this.reviews].sort())
      lines.push(`aksguard_admission_reviews_total{outcome="${escapeLabel(outcome)}"} ${count}`);
    lines.push(
      '# HELP aksguard_admission_findings_total Findings at admission, by rule and by the mode applied to them.',
      '# TYPE aksguard_admission_findings_total counter',
    );
    // By rule, then mode, in code-unit order.
    for (const rule of [...this.findings.keys()].sort())
      for (const [mode, count] of [...this.findings.get(rule)!].sort(([a], [b]) => (a < b ? -1 : 1)))
        lines.push(
          `aksguard_admission_findings_total{rule="${escapeLabel(rule)}",mode="${escapeLabel(mode)}"} ${count}`,
        );
    lines.push(
      '# HELP aksguard_admission_in_flight AdmissionReviews being answered.',
      '# TYPE aksguard_admission_in_flight gauge',
      `aksguard_admission_in_flight ${this.inFlight}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
