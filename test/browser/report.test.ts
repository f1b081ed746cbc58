/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core (no downloaded browser). CI
 * installs Chromium (.ci/run) and sets AKSGUARD_REQUIRE_BROWSER=1, so there these tests run or fail; on a machine
 * without Chromium they are skipped with the reason.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/report/report.js';
import { runCli, tempTree } from '../support/cli.js';

const CHROMIUM = process.env.AKSGUARD_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, '.test-artifacts');
const README_SCREENSHOT = join(ROOT, 'docs', 'images', 'report.png');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const present = existsSync(CHROMIUM);
if (!present && process.env.AKSGUARD_REQUIRE_BROWSER === '1')
  throw new Error(`Chromium is required here (AKSGUARD_REQUIRE_BROWSER=1) but ${CHROMIUM} does not exist`);
const skip = present
  ? false
  : `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set AKSGUARD_CHROMIUM) to run the browser tests`;

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

describe('HTML report in Chromium', { skip }, () => {
  let work: string;
  let context: BrowserContext;
  let reportFile: string;
  let report: Report;
  /** The report files the tests open: the only URLs the route lets through. */
  const opened = new Set<string>();

  async function open(file: string, hash = ''): Promise<Opened> {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
    opened.add(pathToFileURL(file).href);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href + hash);
    return { page, errors, requests, dialogs };
  }

  before(async () => {
    const { chromium } = await import('playwright-core');
    work = mkdtempSync(join(tmpdir(), 'aksguard-browser-'));
    reportFile = join(work, 'aksguard-report.html');
    const html = await runCli(
      ['scan', 'examples/aks-store-demo', '-o', 'html', '--output-file', reportFile, '--fail-on', 'none'],
      { cwd: ROOT },
    );
    assert.equal(html.code, 0, html.stderr);
    const json = await runCli(['scan', 'examples/aks-store-demo', '-o', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
    });
    report = JSON.parse(json.stdout) as Report;
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1280, height: 1000 },
      colorScheme: 'light',
    });
    // Nothing may leave the page: any request but the opened file itself is refused (and recorded by `open`).
    await context.route('**/*', (route) =>
      opened.has(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
  });

  after(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens without console errors (CSP violations included) and makes no request besides the file', async () => {
    const { page, errors, requests } = await open(reportFile);
    await page.waitForLoadState('load');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(reportFile).href]);
    assert.equal(await page.locator('details.finding').count(), report.findings.length);
    assert.equal(await page.locator('html').getAttribute('class'), 'js');
    await page.close();
  });

  it('a severity filter shows only that severity, and the count says so', async () => {
    const { page } = await open(reportFile);
    const total = report.findings.length;
    const high = report.findings.filter((f) => f.severity === 'high').length;
    await page.click('button.sev-filter[data-sev=high]');
    assert.equal(await page.locator('#f-count').textContent(), `Showing ${high} of ${total} findings`);
    assert.equal(await page.locator('details.finding:visible').count(), high);
    assert.deepEqual(
      new Set(
        await page
          .locator('details.finding:visible')
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.sev)),
      ),
      new Set(['high']),
    );
    await page.click('button.sev-filter[data-sev=high]');
    assert.equal(await page.locator('#f-count').textContent(), `Showing ${total} of ${total} findings`);
    // Free text narrows further; every finding left contains the text.
    await page.fill('#f-text', 'rabbitmq');
    const shown = await page
      .locator('details.finding:visible')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.ok(shown.length > 0 && shown.length < total, String(shown.length));
    assert.ok(shown.every((text) => text.toLowerCase().includes('rabbitmq')));
    await page.close();
  });

  it('opens a finding: location, evidence and permalink; a #fingerprint link opens it', async () => {
    const { page } = await open(reportFile);
    const first = page.locator('details.finding').first();
    await first.locator('summary').click();
    assert.equal(await first.getAttribute('open'), '');
    assert.match(
      (await first.locator('dd.loc').textContent()) ?? '',
      /^examples\/aks-store-demo\/.+:\d+:\d+$/,
    );
    assert.ok(await first.locator('a.permalink').isVisible());
    const low = report.findings.find((f) => f.severity === 'low')!;
    await page.goto(`${pathToFileURL(reportFile).href}#${low.fingerprint}`);
    const target = page.locator(`[id="${low.fingerprint}"]`);
    assert.equal(await target.getAttribute('open'), '');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('details.finding')?.id),
      low.fingerprint,
    );
    await page.close();
  });

  it('draws the connectivity graph: namespaces and special peers as nodes, allowed connections as edges', async () => {
    const { page } = await open(reportFile);
    const svg = page.locator('#svg-connectivity');
    // The demo has no NetworkPolicy: namespace default talks to and from every peer.
    assert.deepEqual(
      await svg.locator('.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      ['ns:default', 'special:imds', 'special:internet', 'special:private', 'special:wireserver'],
    );
    const edges = await svg
      .locator('.edge')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`).sort(),
      );
    assert.deepEqual(edges, [
      'ns:default>special:imds',
      'ns:default>special:internet',
      'ns:default>special:private',
      'ns:default>special:wireserver',
      'special:imds>ns:default',
      'special:internet>ns:default',
      'special:private>ns:default',
      'special:wireserver>ns:default',
    ]);
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, JSON.stringify(box));
    // Drill-down: the namespace node is a link that opens its workloads.
    await svg.locator('a.node[data-id="ns:default"]').click();
    assert.equal(await page.locator('#drill-default').getAttribute('open'), '');
    assert.ok(await page.locator('#svg-drill-default').isVisible());
    await page.close();
  });

  it('keyboard: Tab reaches every finding, j/k move between them, / focuses the search', async () => {
    const { page } = await open(reportFile);
    const ids = report.findings.map((f) => f.fingerprint);
    // Record every finding whose summary gets the focus, then walk the page with Tab only.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      document.addEventListener('focusin', (event) => {
        const summary = event.target as HTMLElement;
        if (summary.tagName === 'SUMMARY' && summary.parentElement?.classList.contains('finding'))
          seen.push(summary.parentElement.id);
      });
    });
    const seen = () => page.evaluate(() => new Set((window as unknown as { seen: string[] }).seen).size);
    for (let presses = 0; presses < 2000 && (await seen()) < ids.length; presses += 20)
      for (let i = 0; i < 20; i++) await page.keyboard.press('Tab');
    const reached = new Set(await page.evaluate(() => (window as unknown as { seen: string[] }).seen));
    assert.equal(reached.size, ids.length);
    const inPage = await page.locator('details.finding').evaluateAll((els) => els.map((e) => e.id));
    await page.locator('details.finding > summary').first().focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      order.push((await page.evaluate(() => document.activeElement?.closest('details.finding')?.id)) ?? '');
      await page.keyboard.press('j');
    }
    assert.deepEqual(order, inPage.slice(0, 5));
    await page.keyboard.press('k');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('details.finding')?.id),
      inPage[4],
    );
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-text');
    await page.close();
  });

  it('regroups by namespace and by resource; collapse and expand', async () => {
    const { page } = await open(reportFile);
    await page.selectOption('#f-group', 'ns');
    const groups = await page
      .locator('#finding-groups > details.group')
      .evaluateAll((els) =>
        els.map((e) => `${(e as HTMLElement).dataset.key}=${e.querySelectorAll('details.finding').length}`),
      );
    const clusterScoped = report.findings.filter((f) => !f.resource.namespace).length;
    assert.deepEqual(groups, [
      `(cluster-scoped)=${clusterScoped}`,
      `default=${report.findings.length - clusterScoped}`,
    ]);
    await page.selectOption('#f-group', 'res');
    assert.equal(
      await page.locator('#finding-groups > details.group').count(),
      new Set(
        report.findings.map(
          (f) =>
            `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`,
        ),
      ).size,
    );
    await page.click('#f-expand');
    assert.equal(await page.locator('details.finding[open]').count(), report.findings.length);
    await page.click('#f-collapse');
    assert.equal(await page.locator('details.finding[open]').count(), 0);
    await page.close();
  });

  it('without JavaScript the content is all there; only the filters are gone', async () => {
    const page = await context.newPage();
    opened.add(pathToFileURL(reportFile).href);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(pathToFileURL(reportFile).href);
    assert.equal(await page.locator('html').getAttribute('class'), 'no-js');
    assert.equal(await page.locator('details.finding').count(), report.findings.length);
    assert.equal(await page.locator('.controls').isVisible(), false);
    assert.ok(await page.locator('#svg-connectivity').isVisible());
    assert.ok(await page.locator('table.scorecard').isVisible());
    await page.locator('details.finding > summary').first().click();
    assert.ok(await page.locator('details.finding dd.loc').first().isVisible());
    await page.close();
  });

  it('follows the system: dark scheme, and a print layout without the controls', async () => {
    const { page } = await open(reportFile);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      'rgb(13, 17, 23)',
    );
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    assert.equal(await page.locator('.controls').isVisible(), false);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      'rgb(255, 255, 255)',
    );
    await page.close();
  });

  it('renders hostile names as text: no script runs, no dialog opens', async () => {
    const tree = tempTree({
      'app.yaml': `apiVersion: v1
kind: Service
metadata: { name: "<script>alert(1)</script>", namespace: "x\\"><img src=y onerror=alert(2)>" }
spec: { type: LoadBalancer, ports: [{ port: 80 }] }
`,
    });
    try {
      const file = join(tree.dir, 'r.html');
      const result = await runCli(
        ['scan', '.', '--no-config', '-o', 'html', '--output-file', file, '--fail-on', 'none'],
        {
          cwd: tree.dir,
        },
      );
      assert.equal(result.code, 0, result.stderr);
      const { page, dialogs, errors, requests } = await open(file);
      await page.waitForTimeout(100);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);
      assert.ok(
        (await page.locator('details.finding .res').allTextContents()).includes(
          'Service x"><img src=y onerror=alert(2)>/<script>alert(1)</script>',
        ),
      );
      assert.equal(await page.locator('img').count(), 0);
      await page.close();
    } finally {
      tree.cleanup();
    }
  });

  it('saves a screenshot as a test artefact (and the README one with UPDATE_SCREENSHOT=1)', async () => {
    const { page } = await open(reportFile);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.png');
    const png = await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10_000);
    assert.ok(png.length < 300 * 1024, `screenshot is ${png.length} bytes`);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      writeFileSync(README_SCREENSHOT, png);
    }
    if (existsSync(README_SCREENSHOT)) assert.ok(readFileSync(README_SCREENSHOT).length < 300 * 1024);
    await page.close();
  });
});
