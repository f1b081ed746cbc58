/** How two tools' verdicts on the same templates agree: refused by both, by one only, by neither. */
export interface Agreement {
  both: number;
  oursOnly: number;
  theirsOnly: number;
  neither: number;
}

export function agreement(
  templates: readonly string[],
  ours: ReadonlySet<string>,
  theirs: ReadonlySet<string>,
): Agreement {
  const a: Agreement = { both: 0, oursOnly: 0, theirsOnly: 0, neither: 0 };
  for (const key of templates) {
    const o = ours.has(key);
    const t = theirs.has(key);
    if (o && t) a.both++;
    else if (o) a.oursOnly++;
    else if (t) a.theirsOnly++;
    else a.neither++;
  }
  return a;
}

export function describeAgreement(a: Agreement): string {
  const total = a.both + a.oursOnly + a.theirsOnly + a.neither;
  return `same verdict on ${a.both + a.neither} of ${total} (both refuse ${a.both}, both allow ${a.neither}; only aksguard refuses ${a.oursOnly}, only monokle flags ${a.theirsOnly})`;
}

interface PssCheckJson {
  results: { resource: { name: string }; location: { file: string }; allowed: boolean }[];
}

/** The templates of `aksguard pss check -o json` as `file#name` keys (as monokleProcess.mjs prints them), and those refused. */
export function pssCheckVerdicts(stdout: string): { keys: string[]; refused: Set<string> } {
  const report = JSON.parse(stdout) as PssCheckJson;
  const keys = report.results.map((r) => `${r.location.file}#${r.resource.name}`);
  const refused = new Set(
    report.results.filter((r) => !r.allowed).map((r) => `${r.location.file}#${r.resource.name}`),
  );
  return { keys, refused };
}
