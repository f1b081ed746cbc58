import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import { warningLines } from '../../src/serve/engine.js';
import { type AdmissionResponse, parseReview, reviewResponse } from '../../src/serve/review.js';
import { admissionReviews, demoEngine } from '../fakes/admissionReviews.js';

/**
 * The answer's text (src/serve/review.ts reviewResponse with the warnings' JSON, src/serve/engine.ts warningLines):
 * JSON-equal to `JSON.stringify` of the same AdmissionReview (what the API server reads), field for field in the
 * same order, with a clipped warning's "…" written as the escape \u2026 so that an ASCII answer stays ASCII.
 */

function finding(ruleId: string, message: string): Pick<Finding, 'ruleId' | 'message'> {
  return { ruleId, message };
}

describe('the answer written as JSON', () => {
  it('warnings: the JSON array parses to the lines; a clipped ASCII line ends with the escape \\u2026', () => {
    // [messages, the array's exact text]
    const cases: [string[], string][] = [
      [['short'], '["WL-A: short"]'],
      [['x'.repeat(251)], `["WL-A: ${'x'.repeat(249)}\\u2026"]`],
      [['say "hi"\\'], '["WL-A: say \\"hi\\"\\\\"]'],
      // Not printable ASCII: written by JSON.stringify as it is (é and the ellipsis raw, the control as a space).
      [[`é${'y'.repeat(260)}\u0007`], `["WL-A: é${'y'.repeat(248)}…"]`],
      [['a', 'b'], '["WL-A: a","WL-A: b"]'],
      // Escapes at either end; a quote just before the cut is kept (escaped), one at the cut is left out with the rest.
      [['"q" first', 'end\\'], '["WL-A: \\"q\\" first","WL-A: end\\\\"]'],
      [[`${'x'.repeat(248)}"${'y'.repeat(10)}`], `["WL-A: ${'x'.repeat(248)}\\"\\u2026"]`],
      [[`${'x'.repeat(249)}"${'y'.repeat(5)}`], `["WL-A: ${'x'.repeat(249)}\\u2026"]`],
      // Quotes before the cut, a backslash past it (escaped by the other path), and a line without either.
      [[`"a"${'x'.repeat(260)}\\`], `["WL-A: \\"a\\"${'x'.repeat(246)}\\u2026"]`],
      [['no quote', '"', '"\\"'], '["WL-A: no quote","WL-A: \\"","WL-A: \\"\\\\\\""]'],
      // A character that is not printable ASCII past the cut still makes the line JSON.stringify's (the raw "…").
      [[`${'x'.repeat(249)}\u007f${'y'.repeat(5)}`], `["WL-A: ${'x'.repeat(249)}…"]`],
    ];
    for (const [messages, expected] of cases) {
      const { lines, json } = warningLines(messages.map((message) => finding('WL-A', message)));
      assert.equal(json, expected);
      assert.deepEqual(JSON.parse(json), lines);
    }
    // Past 4 KiB: the count of the rest closes the array.
    const many = warningLines(Array.from({ length: 40 }, (_, i) => finding(`WL-R-${i}`, 'a'.repeat(300))));
    assert.equal(many.lines.length, 16);
    assert.deepEqual(JSON.parse(many.json), many.lines);
    assert.equal(many.json.split('\\u2026').length - 1, 15);
    assert.ok(
      many.json.endsWith(',"aksguard: 25 more finding(s) not shown (see the audit log or metrics)"]'),
    );
  });

  it('warnings: rule ids quoted, not ASCII or too long for a line, the same at every call (their start is kept)', () => {
    const ids = ['WL-"q"', 'WL-é', `WL-${'i'.repeat(260)}`, 'WL-B'];
    const first = warningLines(ids.map((id) => finding(id, 'm "x"')));
    const again = warningLines(ids.map((id) => finding(id, 'm "x"')));
    assert.deepEqual(again, first);
    assert.deepEqual(JSON.parse(first.json), first.lines);
    assert.equal(
      first.json,
      `["WL-\\"q\\": m \\"x\\"","WL-é: m \\"x\\"",${JSON.stringify(`WL-${'i'.repeat(252)}…`)},"WL-B: m \\"x\\""]`,
    );
  });

  it('an AdmissionReview with warnings: JSON-equal to JSON.stringify, same field order, ASCII for ASCII text', () => {
    const response: AdmissionResponse = {
      uid: 'u-1',
      allowed: false,
      status: { code: 403, reason: 'Forbidden', message: 'aksguard denied Pod a/b: WL-X: m.' },
      warnings: [],
      auditAnnotations: { findings: 'WL-X=enforce,WL-A=warn' },
    };
    const { lines, json } = warningLines([finding('WL-A', 'z'.repeat(300))]);
    response.warnings = lines;
    const text = reviewResponse('admission.k8s.io/v1', response, json);
    assert.deepEqual(JSON.parse(text), JSON.parse(reviewResponse('admission.k8s.io/v1', response)));
    assert.equal(
      text,
      `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":false,"status":{"code":403,"reason":"Forbidden","message":"aksguard denied Pod a/b: WL-X: m."},"warnings":["WL-A: ${'z'.repeat(249)}\\u2026"],"auditAnnotations":{"findings":"WL-X=enforce,WL-A=warn"}}}`,
    );
    // Without warnings (or without their JSON): JSON.stringify itself.
    const allow: AdmissionResponse = { uid: 'u-2', allowed: true };
    assert.equal(
      reviewResponse('admission.k8s.io/v1', allow, undefined),
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: allow }),
    );
  });

  it("the realistic reviews' answers: JSON-equal to JSON.stringify of the decision, and ASCII", () => {
    const engine = demoEngine();
    let clipped = 0;
    for (const body of admissionReviews()) {
      const parsed = parseReview(body);
      assert.ok(parsed.ok);
      const decision = engine.review(parsed.request);
      assert.ok(decision.warningsJson !== undefined, 'every realistic review gets warnings');
      const response = { uid: parsed.request.uid, ...decision.response };
      const text = reviewResponse(parsed.apiVersion, response, decision.warningsJson);
      assert.deepEqual(JSON.parse(text), JSON.parse(reviewResponse(parsed.apiVersion, response)));
      assert.equal(Buffer.byteLength(text, 'utf8'), text.length, 'ASCII only');
      clipped += text.split('\\u2026').length - 1;
    }
    assert.ok(clipped > 0, 'some warnings are clipped (else the escape is not exercised)');
  });
});
