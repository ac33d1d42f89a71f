// Shared pieces of the page tests: the browser (Debian's Chromium in a fresh profile), the server's
// address, the seeds, and direct calls of the JSON API to know what the page should show.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const baseUrl = (process.env.REPORTVALIDATION_BASE_URL || '').replace(/\/$/, '');
if (!baseUrl) throw new Error('REPORTVALIDATION_BASE_URL is not set; run tests/e2e/run.sh');
export const screenshotDir = process.env.REPORTVALIDATION_SCREENSHOTS || path.resolve('.test-run/screenshots');
export const seedDir = process.env.REPORTVALIDATION_SEEDS || path.resolve('../TestData/seeds');
fs.mkdirSync(screenshotDir, { recursive: true });

export const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()
  .map((file) => ({ id: file.slice(0, 3), file: path.join(seedDir, file), text: fs.readFileSync(path.join(seedDir, file), 'utf8') }));

export function seed(id) {
  const found = seeds.find((s) => s.id === id);
  if (!found) throw new Error(`seed ${id} not found in ${seedDir}`);
  return found;
}

/** A browser in a fresh profile, launched the way CI launches it. */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rv-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
    locale: 'zh-CN',
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/** A new page on `/` with errors collected, so a broken script fails the test that loaded it. */
export async function openPage(context, { width = 1400, height = 1000 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('#verdict[data-state="idle"]');
  return { page, errors };
}

/** Sequence number of the last validation the page rendered. */
export const sequence = (page) => page.evaluate(() => Number(document.body.dataset.sequence || 0));

/** Waits until the page has rendered a validation after `after` and is no longer busy. */
export async function settled(page, after) {
  await page.waitForFunction((n) => Number(document.body.dataset.sequence || 0) > n && document.body.dataset.busy === 'false', after, { timeout: 30000 });
}

/** Pastes text into the editor as a clerk would, and waits for the result. */
export async function paste(page, text) {
  const before = await sequence(page);
  await page.fill('#report-text', text);
  await settled(page, before);
}

/** The service's own answer for a text, straight from the JSON endpoint. */
export async function apiValidate(document, profile = 'PROFILE_SUBMISSION') {
  const response = await fetch(`${baseUrl}/v1/reports:validate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ document: typeof document === 'string' ? { text: document } : document, options: { profile } }),
  });
  if (!response.ok) throw new Error(`validate answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export async function apiRules() {
  const response = await fetch(`${baseUrl}/v1/rules`);
  if (!response.ok) throw new Error(`rules answered ${response.status}`);
  return response.json();
}

export async function screenshot(page, name, options = {}) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, ...options });
}

/** What the findings list shows: one entry per finding button, in order. */
export function shownFindings(page) {
  return page.$$eval('#findings button.finding', (buttons) => buttons.map((b) => ({
    ruleId: b.dataset.ruleId,
    severity: b.dataset.severity,
    line: Number(b.dataset.line || 0),
    index: Number(b.dataset.index),
    message: b.querySelector('.message')?.textContent || '',
    description: b.querySelector('.rule-description')?.textContent || '',
    group: b.closest('.severity-group')?.dataset.severity || '',
  })));
}

export const SEVERITY_ORDER = ['SEVERITY_ERROR', 'SEVERITY_WARNING', 'SEVERITY_INFO'];

/** The findings of a response in the order the page groups them: by severity, then as the service listed them. */
export function expectedOrder(findings) {
  return SEVERITY_ORDER.flatMap((severity) => findings.filter((f) => f.severity === severity));
}
