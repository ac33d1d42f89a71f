// The validation page: paste or drop a report, see the verdict, the findings, the rebuilt tables and
// the source lines a finding points at. Everything it shows comes from two calls of the browser
// client (validate, listRules, template); it keeps no domain logic of its own beyond laying out the tables.
import { ReportValidationClient, ValidationRequestError } from './reportvalidation-client.js';
import { TEXTS } from './i18n.js';
import { renderTables, markTables, selectCells, onCellActivated } from './tables.js';
import { currentTemplate, labelOf, loadTemplate } from './template.js';

const SEVERITIES = ['SEVERITY_ERROR', 'SEVERITY_WARNING', 'SEVERITY_INFO'];
const TYPING_DELAY_MS = 400;

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || ['role', 'lang', 'title', 'type', 'tabindex', 'for'].includes(k)) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

const client = new ReportValidationClient();
const check = client.latest({ delay: TYPING_DELAY_MS });
// The tables' rows and columns come from the service's description of the templates, fetched once.
loadTemplate(client).catch(() => null);

const state = {
  lang: initialLanguage(),
  rules: new Map(),
  catalogVersion: '',
  file: null,           // the dropped File while the page validates a file
  sourceText: null,     // the text the findings' offsets refer to: as typed or read, or as the service extracted it
  sourceExtracted: false, // sourceText is the service's extraction from an HTML/Word/PDF file
  sourceName: '',
  response: null,
  error: null,
  selected: -1,         // index into response.result.findings
  busy: false,
  elapsedMs: 0,
  sequence: 0,          // numbers each validation the page shows; tests wait on it
  acknowledgements: [], // the clerk's explanations for warnings, sent with every validation
};

function validationOptions() {
  const options = { profile: $('profile').value };
  if (state.acknowledgements.length) options.acknowledgements = state.acknowledgements;
  return options;
}

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    return localStorage.getItem('reportvalidation.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const T = () => TEXTS[state.lang];

// ------------------------------------------------------------------ input

const textarea = $('report-text');
const dropzone = $('dropzone');
const fileInput = $('file-input');

textarea.addEventListener('input', () => {
  state.file = null;
  validate(textarea.value, TYPING_DELAY_MS);
});

$('profile').addEventListener('change', () => revalidate());

fileInput.addEventListener('change', () => {
  if (fileInput.files?.[0]) loadFile(fileInput.files[0]);
  fileInput.value = '';
});

for (const type of ['dragenter', 'dragover']) {
  dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.dataset.dragging = 'true';
  });
}
for (const type of ['dragleave', 'dragend']) {
  dropzone.addEventListener(type, () => (dropzone.dataset.dragging = 'false'));
}
dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropzone.dataset.dragging = 'false';
  const file = event.dataTransfer?.files?.[0];
  if (file) loadFile(file);
});

async function loadFile(file) {
  state.file = file;
  const text = await readTextFile(file);
  // Plain text goes into the editor so the clerk can fix it in place; the request still sends the
  // file's bytes so the service decodes it exactly as it would for a portal upload.
  textarea.value = text ?? '';
  $('file-info').textContent = T().fileLoaded(file.name, formatSize(file.size));
  validate(file, 0, text, file.name);
}

// Decodes a text file the way the engine does (BOM, strict UTF-8, then GB18030) so line numbers and
// offsets in findings match what the service read. HTML, DOCX and PDF are shown as the service
// extracted them (report.extractedText).
async function readTextFile(file) {
  const name = file.name.toLowerCase();
  if (!/\.(txt|text)$/.test(name) && !(file.type || '').startsWith('text/plain')) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function revalidate() {
  // An extraction is the service's to redo: send the file again without a text of our own.
  if (state.file) validate(state.file, 0, state.sourceExtracted ? null : state.sourceText, state.file.name);
  else validate(textarea.value, 0);
}

// ------------------------------------------------------------------ validation

async function validate(input, delay, sourceText = input, sourceName = '') {
  if (typeof input === 'string') {
    $('file-info').textContent = '';
    if (input.trim() === '') {
      check.cancel();
      Object.assign(state, { response: null, error: null, selected: -1, busy: false, sourceText: null, sourceExtracted: false, sourceName: '', acknowledgements: [] });
      render();
      return;
    }
  }
  setBusy(true);
  const started = performance.now();
  try {
    const response = await check(input, validationOptions(), { delay });
    if (!response) return; // superseded by newer input
    // HTML, Word and PDF: the spans refer to the text the service extracted, which the report carries.
    const extracted = typeof sourceText === 'string' ? '' : (response.result?.report?.extractedText || '');
    Object.assign(state, {
      response,
      error: null,
      selected: -1,
      sourceText: typeof sourceText === 'string' ? sourceText : (extracted || null),
      sourceExtracted: extracted !== '',
      sourceName,
      elapsedMs: Math.round(performance.now() - started - delay),
    });
    state.sequence++;
    if (state.rules.size === 0) loadRules();
    await loadTemplate(client).catch(() => null); // labels only; without them the tables wait for the next answer
    setBusy(false);
    render();
  } catch (error) {
    Object.assign(state, { response: null, error, selected: -1, sourceText: null, sourceExtracted: false });
    state.sequence++;
    setBusy(false);
    render();
  }
}

function setBusy(busy) {
  state.busy = busy;
  const verdict = $('verdict');
  verdict.setAttribute('aria-busy', String(busy));
  document.body.dataset.busy = String(busy);
  $('timing').textContent = busy ? T().busy : state.response ? T().timing(state.elapsedMs) : '';
}

async function loadRules() {
  try {
    const { rules, ruleCatalogVersion } = await client.listRules();
    state.rules = new Map(rules.map((rule) => [rule.id, rule]));
    state.catalogVersion = ruleCatalogVersion;
    renderFindings();
    renderStatic();
  } catch {
    // The catalog only adds descriptions; the next validation tries again.
  }
}

// ------------------------------------------------------------------ rendering

function render() {
  renderStatic();
  renderVerdict();
  renderFindings();
  renderSource();
  renderTablesPanel();
  document.body.dataset.sequence = String(state.sequence);
}

function renderStatic() {
  const t = T();
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t.title;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const value = t[node.dataset.i18n];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t[node.dataset.i18nPlaceholder];
  }
  const switcher = $('lang-switch');
  switcher.textContent = t.switchTo;
  switcher.lang = state.lang === 'zh' ? 'en' : 'zh';
  switcher.setAttribute('aria-label', t.switchLabel);
  $('catalog-version').textContent = state.catalogVersion ? t.catalog(state.catalogVersion) : '';
  if (state.file) $('file-info').textContent = t.fileLoaded(state.file.name, formatSize(state.file.size));
  setBusy(state.busy);
}

function renderVerdict() {
  const t = T();
  const verdict = $('verdict');
  const cache = $('cache-indicator');
  const meta = $('report-meta');
  verdict.dataset.contentHash = '';
  if (state.error) {
    verdict.dataset.state = 'error';
    $('verdict-text').textContent = t.error;
    $('verdict-counts').textContent = errorText(state.error);
    cache.dataset.cached = 'none';
    cache.textContent = '';
    meta.textContent = '';
    return;
  }
  if (!state.response) {
    verdict.dataset.state = 'idle';
    $('verdict-text').textContent = t.idle;
    $('verdict-counts').textContent = '';
    cache.dataset.cached = 'none';
    cache.textContent = '';
    meta.textContent = '';
    return;
  }
  const { result = {}, cached = false, contentHash = '' } = state.response;
  const summary = result.summary || {};
  verdict.dataset.state = summary.passes ? 'pass' : 'fail';
  verdict.dataset.contentHash = contentHash;
  $('verdict-text').textContent = summary.passes ? t.pass : t.fail;
  $('verdict-counts').textContent = t.counts(summary.errors || 0, summary.warnings || 0, summary.infos || 0);
  cache.dataset.cached = String(Boolean(cached));
  cache.textContent = cached ? `⚡ ${t.cached}` : `↻ ${t.computed}`;
  cache.title = (cached ? t.cachedTitle : t.computedTitle)(contentHash.slice(0, 12));
  const report = result.report || {};
  meta.textContent = [
    report.issuingBody,
    report.year ? t.year(report.year) : '',
    t.templateVersion[report.templateVersion] || '',
    t.publisher[report.publisherKind] || '',
  ].filter(Boolean).join(' · ');
}

function errorText(error) {
  if (error instanceof ValidationRequestError) {
    const message = state.lang === 'zh' ? error.messageZh || error.messageEn : error.messageEn || error.messageZh;
    return `${T().requestFailed} (${error.status || '—'}${error.code ? ` ${error.code}` : ''}): ${message}`;
  }
  return String(error?.message || error);
}

function findings() {
  return state.response?.result?.findings || [];
}

function renderFindings() {
  const t = T();
  const container = $('findings');
  container.replaceChildren();
  if (!state.response) {
    container.append(el('p', { class: 'muted placeholder', text: state.error ? '' : t.noFindingsYet }));
    return;
  }
  const all = findings();
  if (all.length === 0) {
    container.append(el('p', { class: 'no-findings', text: t.noFindings }));
    return;
  }
  for (const severity of SEVERITIES) {
    const items = all.map((finding, index) => ({ finding, index })).filter(({ finding }) => (finding.severity || 'SEVERITY_UNSPECIFIED') === severity);
    if (items.length === 0) continue;
    const headingId = `findings-${severity}`;
    container.append(
      el('section', { class: 'severity-group', 'data-severity': severity, 'aria-labelledby': headingId },
        el('h3', { id: headingId }, el('span', { class: 'sev-badge', 'data-severity': severity, 'aria-hidden': 'true' }), `${t.severity[severity]} `, el('span', { class: 'count', text: `(${items.length})` })),
        el('ul', { class: 'finding-list' }, items.map(({ finding, index }) => el('li', {}, findingButton(finding, index), acknowledgement(finding, index))))),
    );
  }
}

function findingButton(finding, index) {
  const t = T();
  const loc = finding.location || {};
  const rule = state.rules.get(finding.ruleId);
  const message = state.lang === 'zh' ? finding.messageZh || finding.messageEn : finding.messageEn || finding.messageZh;
  const description = rule ? (state.lang === 'zh' ? rule.descriptionZh : rule.descriptionEn) : '';
  const where = labelOf(currentTemplate(), loc.table, loc.row, loc.column, state.lang) || (loc.section ? t.section(loc.section) : '');
  const line = lineOf(finding);
  const values = [];
  if (finding.expected) values.push(`${t.expected} ${finding.expected}`);
  if (finding.actual) values.push(`${t.actual} ${finding.actual}`);
  return el('button', {
    type: 'button',
    class: 'finding',
    'data-index': String(index),
    'data-rule-id': finding.ruleId,
    'data-severity': finding.severity,
    'data-line': line ? String(line) : undefined,
    'aria-pressed': String(state.selected === index),
    onclick: () => selectFinding(index),
    onkeydown: (event) => moveFocus(event, index),
  },
  el('span', { class: 'finding-head' },
    el('code', { class: 'rule-id', text: finding.ruleId }),
    where ? el('span', { class: 'where', text: where }) : null,
    line ? el('span', { class: 'line-ref', text: state.lang === 'zh' ? `第${line}行` : `line ${line}` }) : null,
    finding.origin === 'FINDING_ORIGIN_EXTRACTION' ? el('span', { class: 'tag', text: t.extraction }) : null,
    finding.acknowledged ? el('span', { class: 'tag tag-ack', text: t.acknowledged }) : null),
  el('span', { class: 'message', text: message }),
  values.length ? el('span', { class: 'values', text: values.join(' · ') }) : null,
  finding.diagnosis ? el('span', { class: 'diagnosis', text: `${t.diagnosisLabel}: ${t.diagnosis[finding.diagnosis] || finding.diagnosis}` }) : null,
  description ? el('span', { class: 'rule-description', text: description }) : null);
}

// Under the submission profile a warning blocks until the clerk explains it; the explanation goes
// back to the service as an Acknowledgement matching the finding's rule and cell.
function acknowledgement(finding, index) {
  if (finding.severity !== 'SEVERITY_WARNING') return null;
  const t = T();
  const loc = finding.location || {};
  const key = { ruleId: finding.ruleId, table: loc.table || '', row: loc.row || '', column: loc.column || '' };
  const same = (a) => a.ruleId === key.ruleId && a.table === key.table && a.row === key.row && a.column === key.column;
  if (finding.acknowledged) {
    return el('div', { class: 'ack ack-done' },
      el('span', { class: 'ack-text', text: `${t.acknowledged}: ${finding.acknowledgement || ''}` }),
      el('button', { type: 'button', class: 'link-button', onclick: () => {
        state.acknowledgements = state.acknowledgements.filter((a) => !same(a));
        revalidate();
      } }, t.withdraw));
  }
  const id = `ack-${index}`;
  const input = el('textarea', { id, class: 'ack-input', rows: 2, required: true });
  return el('details', { class: 'ack' },
    el('summary', { text: t.explain }),
    el('form', { onsubmit: (event) => {
      event.preventDefault();
      const explanation = input.value.trim();
      if (!explanation) return;
      state.acknowledgements = [...state.acknowledgements.filter((a) => !same(a)), { ...key, explanation }];
      revalidate();
    } },
    el('label', { for: id, text: t.explainLabel }),
    input,
    el('button', { type: 'submit', class: 'button', text: t.explainSubmit })));
}

// Arrow keys walk the findings list like a menu; Tab still moves through it one by one.
function moveFocus(event, index) {
  const buttons = [...document.querySelectorAll('#findings button.finding')];
  const at = buttons.findIndex((b) => Number(b.dataset.index) === index);
  let next = -1;
  if (event.key === 'ArrowDown') next = Math.min(at + 1, buttons.length - 1);
  else if (event.key === 'ArrowUp') next = Math.max(at - 1, 0);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = buttons.length - 1;
  else if (event.key === 'Escape') {
    selectFinding(-1);
    return;
  } else return;
  event.preventDefault();
  buttons[next]?.focus();
}

function lineOf(finding) {
  const loc = finding.location || {};
  return loc.line || loc.span?.line || 0;
}

// Clicking the selected finding again clears the selection.
function selectFinding(index) {
  state.selected = state.selected === index ? -1 : index;
  showSelection();
}

function showSelection() {
  for (const button of document.querySelectorAll('#findings button.finding')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset.index) === state.selected));
  }
  const finding = findings()[state.selected];
  highlightSource(finding);
  selectCells(finding);
}

// ------------------------------------------------------------------ source view

let lineStarts = [];

function renderSource() {
  const t = T();
  const list = $('source-lines');
  const detail = $('source-detail');
  list.replaceChildren();
  lineStarts = [];
  if (!state.response || state.sourceText === null) {
    detail.textContent = state.response && state.sourceName ? t.sourceBinary(state.sourceName) : t.sourceEmpty;
    list.dataset.lines = '0';
    return;
  }
  detail.textContent = state.sourceExtracted ? t.sourceExtracted(state.sourceName) : '';
  const text = state.sourceText;
  const lines = text.split('\n');
  let offset = 0;
  const fragment = document.createDocumentFragment();
  lines.forEach((line, i) => {
    lineStarts.push(offset);
    offset += line.length + 1;
    fragment.append(el('li', { 'data-line': String(i + 1) },
      el('span', { class: 'ln', 'aria-hidden': 'true', text: String(i + 1) }),
      el('span', { class: 'lt', text: line.replace(/\r$/, '') })));
  });
  list.append(fragment);
  list.dataset.lines = String(lines.length);
}

function highlightSource(finding) {
  const t = T();
  const list = $('source-lines');
  for (const li of list.querySelectorAll('li.hl, li.hl-related')) {
    li.classList.remove('hl', 'hl-related');
    const text = li.querySelector('.lt');
    text.textContent = text.textContent; // drops <mark>
  }
  const detail = $('source-detail');
  if (!finding) {
    detail.textContent = '';
    return;
  }
  const loc = finding.location || {};
  const span = loc.span || {};
  const line = loc.line || span.line || 0;
  const start = loc.startOffset ?? span.startOffset;
  const end = loc.endOffset ?? span.endOffset;
  const where = [];
  if (line) where.push(t.lineAt(line, loc.lineColumn || span.column || 1));
  if (span.page) where.push(t.pageAt(span.page));
  if (span.container) where.push(span.container);
  detail.textContent = where.length ? where.join(' · ') : t.noLocation;
  if (!line || lineStarts.length === 0) return;

  // The cells that take part in an identity, lighter, so the clerk sees the whole sum.
  for (const cell of finding.cells || []) {
    const cellLine = cell.span?.line;
    if (cellLine && cellLine !== line) list.querySelector(`li[data-line="${cellLine}"]`)?.classList.add('hl-related');
  }
  let first = null;
  const hasRange = Number.isInteger(start) && Number.isInteger(end) && end > start;
  const lastLine = hasRange ? lineAtOffset(Math.max(start, end - 1)) : line;
  for (let n = line; n <= Math.max(line, lastLine); n++) {
    const li = list.querySelector(`li[data-line="${n}"]`);
    if (!li) continue;
    li.classList.remove('hl-related');
    li.classList.add('hl');
    first ??= li;
    if (hasRange) markRange(li, n, start, end);
  }
  if (first) {
    // Scroll only the source box, never the page, so clicking a finding does not move what the clerk is reading.
    const view = $('source-view');
    view.scrollTop = first.offsetTop - view.clientHeight / 3;
  }
}

function lineAtOffset(offset) {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function markRange(li, n, start, end) {
  const text = li.querySelector('.lt');
  const value = text.textContent;
  const lineStart = lineStarts[n - 1];
  const from = Math.max(0, start - lineStart);
  const to = Math.min(value.length, end - lineStart);
  if (to <= from) return;
  text.replaceChildren(value.slice(0, from), el('mark', { text: value.slice(from, to) }), value.slice(to));
}

// ------------------------------------------------------------------ tables

function renderTablesPanel() {
  const container = $('tables');
  const report = state.response?.result?.report;
  const template = currentTemplate();
  if (!report || !template) {
    container.replaceChildren(el('p', { class: 'muted placeholder', text: T().tablesEmpty }));
    return;
  }
  renderTables(container, report, template, state.lang, T());
  markTables(container, findings(), state.lang, T());
}

onCellActivated($('tables'), (index, td) => {
  state.selected = index;
  showSelection();
  td.classList.add('selected');
  document.querySelector(`#findings button.finding[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
});

// ------------------------------------------------------------------ language

$('lang-switch').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  try {
    localStorage.setItem('reportvalidation.lang', state.lang);
  } catch {
    // private mode: the switch still works for this page
  }
  render();
  showSelection();
});

render();
loadRules();
