// The validation page in headless Chromium against the real server. Each test checks one behaviour
// a clerk relies on; what the page should show comes from the same JSON API the page calls.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import {
  apiRules, apiValidate, baseUrl, docx, expectedOrder, launch, openPage, paste, screenshot, seed, seeds, sequence, settled, shownFindings,
} from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const camel = (key) => key.replace(/[._]([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Drops a file on the drop zone the way a browser does: a drop event carrying a DataTransfer. */
async function dropFile(page, name, bytes, type) {
  const before = await sequence(page);
  await page.evaluate(({ name, data, type }) => {
    const file = new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const zone = document.getElementById('dropzone');
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { name, data: Buffer.from(bytes).toString('base64'), type });
  await settled(page, before);
}

async function assertShowsResponse(page, response, lang = 'zh') {
  const { summary = {}, findings = [] } = response.result;
  const verdict = await page.$eval('#verdict', (v) => ({ state: v.dataset.state, text: v.textContent }));
  assert.equal(verdict.state, summary.passes ? 'pass' : 'fail', 'verdict');
  assert.match(verdict.text, new RegExp(lang === 'zh'
    ? `错误 ${summary.errors || 0} · 警告 ${summary.warnings || 0} · 提示 ${summary.infos || 0}`
    : `${summary.errors || 0} errors · ${summary.warnings || 0} warnings · ${summary.infos || 0} info`));
  const shown = await shownFindings(page);
  const expected = expectedOrder(findings);
  assert.equal(expected.length, findings.length, 'every finding has a severity the page groups');
  assert.deepEqual(shown.map((f) => [f.ruleId, f.severity, f.group]), expected.map((f) => [f.ruleId, f.severity, f.severity]));
  assert.deepEqual(shown.map((f) => f.message), expected.map((f) => (lang === 'zh' ? f.messageZh : f.messageEn) || ''));
  // Nothing the page built prints a missing value as text.
  const stray = await page.$$eval('#verdict, #findings, #tables, #source-detail', (nodes) => nodes.map((n) => n.textContent).join('\n'));
  assert.doesNotMatch(stray, /\b(null|undefined|NaN)\b|\[object /);
}

// Seed 004 with 一、本年新收 自然人 changed from 5 to 7: the row total and the column balance fail,
// and one cell explains both.
function seed004WithBrokenCell() {
  const lines = seed('004').text.split('\n');
  const label = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
  assert.equal(lines[label + 1].trim(), '5 |');
  lines[label + 1] = '7 |';
  return lines.join('\n');
}

describe('validation page', () => {
  for (const { id, text } of seeds) {
    test(`seed ${id} shows the service's verdict, findings and parsed tables`, async () => {
      const { page, errors } = await openPage(browser.context);
      await paste(page, text);
      const response = await apiValidate(text);
      await assertShowsResponse(page, response);
      // Every value the parser read for table 三 appears in its cell of the rebuilt table.
      const applications = response.result.report.applications || {};
      const expectedCells = [];
      for (const [rowField, row] of Object.entries(applications)) {
        if (!row || typeof row !== 'object' || !row.source) continue;
        for (const [columnField, cell] of Object.entries(row)) {
          if (cell?.raw) expectedCells.push([rowField, columnField, cell.raw]);
        }
      }
      const shownCells = await page.$$eval('[data-table="applications"] td[data-cell]', (tds) => tds.map((td) => {
        const [, row, column] = td.dataset.cell.split('|');
        return [row, column, td.querySelector('.v').textContent];
      }));
      const shownMap = new Map(shownCells.map(([r, c, v]) => [`${camel(r)}/${camel(c)}`, v]));
      for (const [row, column, raw] of expectedCells) assert.equal(shownMap.get(`${row}/${column}`), raw, `${row}/${column}`);
      assert.equal(await page.$eval('[data-table="applications"]', (s) => s.dataset.found), String(Boolean(applications.found)));
      await screenshot(page, `seed-${id}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test('seed 002 fails on its malformed statistical period and points at its line', async () => {
    const { text } = seed('002');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    assert.equal(await page.$eval('#verdict', (v) => v.dataset.state), 'fail');
    const line = text.split('\n').findIndex((l) => l.includes('201912月31日')) + 1;
    const period = (await shownFindings(page)).find((f) => f.ruleId === 'meta.period_invalid');
    assert.ok(period, 'meta.period_invalid is shown');
    assert.equal(period.line, line);
    await page.close();
  });

  test('a finding on a column header names the column, not its key', async () => {
    const { text } = seed('003');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const header = await page.$eval('#findings button.finding[data-rule-id="structure.nonstandard_label"] .finding-head', (n) => n.textContent);
    assert.match(header, /表二 · 对外公开总数量/);
    assert.doesNotMatch(header, /published_total/);
    await page.close();
  });

  test('clicking a finding highlights its source line and the text it points at', async () => {
    const { text } = seed('002');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const response = await apiValidate(text);
    const target = (await shownFindings(page)).find((f) => f.line > 0);
    assert.ok(target, 'a finding with a source line is shown');
    const finding = response.result.findings[target.index];
    await page.click(`#findings button.finding[data-index="${target.index}"]`);
    assert.equal(await page.getAttribute(`#findings button.finding[data-index="${target.index}"]`, 'aria-pressed'), 'true');
    const highlighted = await page.$$eval('#source-lines li.hl', (lis) => lis.map((li) => Number(li.dataset.line)));
    assert.equal(highlighted[0], target.line);
    assert.equal(await page.$eval(`#source-lines li[data-line="${target.line}"] .lt`, (n) => n.textContent), text.split('\n')[target.line - 1].replace(/\r$/, ''));
    const loc = finding.location;
    if (loc.endOffset > loc.startOffset) {
      const marked = await page.$$eval('#source-lines mark', (marks) => marks.map((m) => m.textContent).join(''));
      assert.equal(marked, text.slice(loc.startOffset, loc.endOffset).replace(/\r?\n/g, ''));
    }
    // The highlighted line is scrolled into the source box.
    const visible = await page.$eval(`#source-lines li[data-line="${target.line}"]`, (li) => {
      const view = document.getElementById('source-view').getBoundingClientRect();
      const box = li.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom;
    });
    assert.ok(visible, 'highlighted line visible in the source view');
    await screenshot(page, 'finding-selected');
    await page.close();
  });

  test('a dropped text file is validated as the service reads the file', async () => {
    const { text } = seed('004');
    const { page, errors } = await openPage(browser.context);
    const bytes = Buffer.from(text, 'utf8');
    await dropFile(page, 'report-2024.txt', bytes, 'text/plain');
    assert.match(await page.textContent('#file-info'), /report-2024\.txt/);
    const response = await apiValidate({ content: bytes.toString('base64'), contentType: 'text/plain', fileName: 'report-2024.txt' });
    await assertShowsResponse(page, response);
    assert.equal(await page.$eval('#source-lines', (ol) => Number(ol.dataset.lines)), text.split('\n').length);
    await screenshot(page, 'dropped-file');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a dropped HTML file is sent as HTML and its findings point at the text the service extracted', async () => {
    const escape = (line) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${seed('004').text.split('\n').map((l) => `<p>${escape(l)}</p>`).join('\n')}</body></html>`;
    const bytes = Buffer.from(html, 'utf8');
    const { page, errors } = await openPage(browser.context);
    await dropFile(page, 'report.html', bytes, 'text/html');
    const response = await apiValidate({ content: bytes.toString('base64'), contentType: 'text/html', fileName: 'report.html' });
    await assertShowsResponse(page, response);
    const extracted = response.result.report.extractedText;
    assert.ok(extracted, 'the report carries the extracted text');
    assert.equal(await page.$eval('#source-lines', (ol) => ol.dataset.lines), String(extracted.split('\n').length));
    assert.match(await page.textContent('#source-detail'), /report\.html/);
    const target = (await shownFindings(page)).find((f) => f.line > 0);
    assert.ok(target, 'a finding with a source line is shown');
    await page.click(`#findings button.finding[data-index="${target.index}"]`);
    const highlighted = await page.$$eval('#source-lines li.hl', (lis) => lis.map((li) => Number(li.dataset.line)));
    assert.equal(highlighted[0], target.line);
    assert.equal(await page.$eval(`#source-lines li[data-line="${target.line}"] .lt`, (n) => n.textContent), extracted.split('\n')[target.line - 1].replace(/\r$/, ''));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a dropped Word file is sent as its bytes and read as a Word document', async () => {
    const bytes = docx(seed('004').text);
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const { page, errors } = await openPage(browser.context);
    await dropFile(page, 'report.docx', bytes, '');
    const response = await apiValidate({ content: bytes.toString('base64'), contentType: type, fileName: 'report.docx' });
    assert.equal(response.result.report.sourceFormat, 'SOURCE_FORMAT_DOCX');
    await assertShowsResponse(page, response);
    assert.equal(await page.$eval('[data-table="applications"]', (s) => s.dataset.found), 'true');
    assert.match(await page.textContent('#source-detail'), /report\.docx/);
    await screenshot(page, 'dropped-docx');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a GB18030 file chosen with the file button shows decoded lines', async () => {
    const { text } = seed('001');
    const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
    const { page } = await openPage(browser.context);
    const before = await sequence(page);
    await page.setInputFiles('#file-input', { name: 'report-gbk.txt', mimeType: 'text/plain', buffer: bytes });
    await settled(page, before);
    const response = await apiValidate({ content: bytes.toString('base64'), contentType: 'text/plain', fileName: 'report-gbk.txt' });
    await assertShowsResponse(page, response);
    const firstLine = text.split('\n').find((l) => l.trim() !== '');
    const lineNumber = text.split('\n').indexOf(firstLine) + 1;
    assert.equal(await page.$eval(`#source-lines li[data-line="${lineNumber}"] .lt`, (n) => n.textContent), firstLine.replace(/\r$/, ''));
    await page.close();
  });

  test('an unreadable file shows the service error in Chinese', async () => {
    const { page } = await openPage(browser.context);
    const bytes = Buffer.from([0, 1, 2, 3, 0, 0, 0, 7, 8, 0, 0, 0, 0, 0, 255, 0]);
    await dropFile(page, 'scan.bin', bytes, 'application/octet-stream');
    const answer = await fetch(`${baseUrl}/v1/reports:validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ document: { content: bytes.toString('base64'), contentType: 'application/octet-stream', fileName: 'scan.bin' } }),
    }).then((r) => r.json());
    const zh = answer.details.find((d) => d['@type'].endsWith('LocalizedMessage')).message;
    assert.equal(await page.$eval('#verdict', (v) => v.dataset.state), 'error');
    assert.ok((await page.textContent('#verdict')).includes(zh), `verdict shows "${zh}"`);
    await page.close();
  });

  test('switching the profile to audit validates again under that profile', async () => {
    const { text } = seed('004');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    await assertShowsResponse(page, await apiValidate(text, 'PROFILE_SUBMISSION'));
    const before = await sequence(page);
    await page.selectOption('#profile', 'PROFILE_AUDIT');
    await settled(page, before);
    await assertShowsResponse(page, await apiValidate(text, 'PROFILE_AUDIT'));
    await page.close();
  });

  test('typing sends one request after the clerk pauses, not one per keystroke', async () => {
    const { page } = await openPage(browser.context);
    const requests = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/reports:validate')) requests.push(r);
    });
    const before = await sequence(page);
    await page.focus('#report-text');
    await page.keyboard.type(`测试报告${Date.now()}`, { delay: 40 });
    await settled(page, before);
    await page.waitForTimeout(600);
    assert.equal(requests.length, 1);
    await page.close();
  });

  test('validating the same text again shows a cache hit', async () => {
    const text = `${seed('003').text}\n<!-- ${Date.now()} -->`;
    const { page } = await openPage(browser.context);
    await paste(page, text);
    assert.equal(await page.$eval('#cache-indicator', (c) => c.dataset.cached), 'false');
    await paste(page, `${text} `);
    await paste(page, text);
    assert.equal(await page.$eval('#cache-indicator', (c) => c.dataset.cached), 'true');
    assert.match(await page.textContent('#cache-indicator'), /缓存命中/);
    await page.close();
  });

  test('the language switch shows findings, verdict and tables in English and back', async () => {
    const { text } = seed('002');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const response = await apiValidate(text);
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await assertShowsResponse(page, response, 'en');
    assert.match(await page.textContent('[data-table-title="applications"]'), /Applications received and handled/);
    assert.equal(await page.textContent('#lang-switch'), '中文');
    await screenshot(page, 'seed-002-english');
    await page.click('#lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await assertShowsResponse(page, response, 'zh');
    await page.close();
  });

  test('failing cells are marked with their expected value and the suspect cell is highlighted', async () => {
    const text = seed004WithBrokenCell();
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const { findings } = (await apiValidate(text)).result;
    // Arithmetic errors name their cell by keys, or (row and column identities) by the source span of
    // the total they are anchored at.
    const cellFindings = findings.filter((f) => f.ruleId.startsWith('applications.') && f.severity === 'SEVERITY_ERROR');
    assert.ok(cellFindings.length > 0, 'the altered seed has failing cells');
    for (const f of cellFindings) {
      const loc = f.location;
      const selector = loc.row && loc.column
        ? `td[data-cell="${loc.table}|${loc.row}|${loc.column}"]`
        : `[data-table="${loc.table}"] td[data-start="${loc.startOffset || 0}"]`;
      const cell = await page.$eval(selector, (td) => ({ cls: td.className, slot: td.querySelector('.mark-slot').textContent }));
      assert.match(cell.cls, /mark-(fail|suspect)/, selector);
      if (f.expected) assert.ok(cell.slot.includes(f.expected) || /mark-suspect/.test(cell.cls), `${selector} shows ${f.expected}`);
    }
    const suspect = findings.find((f) => f.ruleId === 'arithmetic.suspect_cell');
    assert.ok(suspect, 'arithmetic.suspect_cell is reported');
    const suspectCells = await page.$$eval('td.mark-suspect', (tds) => tds.map((td) => [td.dataset.cell, td.querySelector('.mark-slot').textContent]));
    assert.deepEqual(suspectCells.map(([key]) => key), ['applications|received|natural_person']);
    assert.match(suspectCells[0][1], /5/);
    await screenshot(page, 'suspect-cell');
    await page.close();
  });

  test('clicking a marked cell selects its finding', async () => {
    const { page } = await openPage(browser.context);
    await paste(page, seed004WithBrokenCell());
    assert.ok(await page.locator('td[data-mark]').count() > 0, 'a cell is marked');
    const cell = page.locator('td[data-mark]').first();
    const first = Number((await cell.getAttribute('data-findings')).split(' ')[0]);
    await cell.click();
    assert.equal(await page.getAttribute(`#findings button.finding[data-index="${first}"]`, 'aria-pressed'), 'true');
    assert.equal(await cell.evaluate((td) => td.classList.contains('selected') || td.classList.contains('involved')), true);
    await page.close();
  });

  test('a warning the clerk explains comes back acknowledged', async () => {
    const { text } = seed('002');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const warning = (await shownFindings(page)).find((f) => f.severity === 'SEVERITY_WARNING');
    assert.ok(warning, 'seed 002 has a warning');
    const item = page.locator('#findings li').filter({ has: page.locator(`button.finding[data-index="${warning.index}"]`) });
    await item.locator('summary').click();
    await item.locator('textarea').fill('统计期限笔误，实为2019年12月31日。');
    const before = await sequence(page);
    await item.locator('button[type="submit"]').click();
    await settled(page, before);
    const { findings: original } = (await apiValidate(text)).result;
    const loc = original[warning.index].location || {};
    const acknowledgements = [{ ruleId: warning.ruleId, table: loc.table || '', row: loc.row || '', column: loc.column || '', explanation: '统计期限笔误，实为2019年12月31日。' }];
    const answer = await fetch(`${baseUrl}/v1/reports:validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ document: { text }, options: { profile: 'PROFILE_SUBMISSION', acknowledgements } }),
    }).then((r) => r.json());
    await assertShowsResponse(page, answer);
    const acknowledged = answer.result.findings.filter((f) => f.acknowledged);
    assert.ok(acknowledged.length > 0, 'the service acknowledged the finding');
    assert.equal(await page.locator('.ack-done').count(), acknowledged.length);
    assert.match(await page.locator('.ack-done').first().textContent(), /统计期限笔误/);
    await page.close();
  });

  test('each finding shows its rule description from ListRules', async () => {
    const { text } = seed('002');
    const { rules } = await apiRules();
    const byId = new Map(rules.map((r) => [r.id, r]));
    const { page } = await openPage(browser.context);
    await paste(page, text);
    await page.waitForFunction(() => document.querySelector('#catalog-version').textContent !== '');
    const shown = await shownFindings(page);
    assert.ok(shown.length > 0);
    for (const f of shown) assert.equal(f.description, byId.get(f.ruleId)?.descriptionZh || '', f.ruleId);
    assert.ok(shown.some((f) => f.description !== ''), 'at least one description shown');
    await page.close();
  });

  test('findings can be reached, walked and selected with the keyboard', async () => {
    const { text } = seed('002');
    const { page } = await openPage(browser.context);
    await paste(page, text);
    const shown = await shownFindings(page);
    assert.ok(shown.length >= 2, 'seed 002 has at least two findings');
    await page.focus('#lang-switch');
    // Tab order: switch → textarea → file button → … → first finding.
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'finding'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.classList.contains('finding') ? 'finding' : document.activeElement?.id || document.activeElement?.tagName));
    }
    assert.equal(focused, 'finding', 'Tab reaches the first finding');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), String(shown[1].index));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');
    await page.close();
  });

  test('on a narrow screen the page does not scroll sideways', async () => {
    const { page } = await openPage(browser.context, { width: 375, height: 800 });
    await paste(page, seed('002').text);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0] <= widths[1], `page ${widths[0]}px wide in a ${widths[1]}px window`);
    await screenshot(page, 'narrow-seed-002', { fullPage: false });
    await page.close();
  });

  test('results arriving do not move the panels', async () => {
    const { page } = await openPage(browser.context);
    const boxes = () => page.evaluate(() => ['.result-panel', '.source-panel', '.tables-panel', '#findings-heading']
      .map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return [s, Math.round(r.top), Math.round(r.height)]; }));
    const empty = await boxes();
    await paste(page, seed('002').text);
    const first = await boxes();
    await paste(page, seed('000').text);
    const second = await boxes();
    // The tables panel grows with the tables, but nothing above it moves and its top stays put.
    const tops = (b) => b.map(([s, top, height]) => (s === '.tables-panel' ? [s, top] : [s, top, height]));
    assert.deepEqual(tops(first), tops(empty));
    assert.deepEqual(tops(second), tops(empty));
    await page.close();
  });
});
