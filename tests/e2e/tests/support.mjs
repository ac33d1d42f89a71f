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

// ------------------------------------------------------------------ a Word file made on the spot

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of stored (uncompressed) entries: enough for an Office package. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8); local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(0, 10); central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A .docx holding the text: lines with pipes become table rows, the others paragraphs. */
export function docx(text) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const paragraph = (t) => `<w:p><w:r><w:t xml:space="preserve">${xml(t)}</w:t></w:r></w:p>`;
  const body = [];
  let rows = [];
  const flush = () => {
    if (rows.length) body.push(`<w:tbl>${rows.join('')}</w:tbl>`);
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('|')) {
      const cells = line.split('|').map((c) => c.trim()).filter((c, i, all) => c !== '' || i < all.length - 1);
      rows.push(`<w:tr>${cells.map((c) => `<w:tc>${paragraph(c)}</w:tc>`).join('')}</w:tr>`);
    } else {
      flush();
      body.push(paragraph(line));
    }
  }
  flush();
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body.join('')}</w:body></w:document>`],
  ]);
}
