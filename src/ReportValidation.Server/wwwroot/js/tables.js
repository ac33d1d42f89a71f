// Tables 二, 三 and 四 rebuilt from the parsed report (protobuf JSON), every cell addressed by the
// rules.md keys a finding's location uses, so findings can mark the cells they are about.
import { applicationsLayout, blocksOf, fieldName, label, tableTitle } from './template.js';

const h = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

const cellId = (table, row, column) => `${table}|${row}|${column}`;

/** Tables 二, 三 and 四 of a report, laid out by the template the service described. */
export function renderTables(container, report, template, lang, t) {
  container.replaceChildren(
    tableBlock(template, 'active_disclosure', lang, activeDisclosure(template, report.activeDisclosure, report.templateVersion, lang, t), report.activeDisclosure, t),
    tableBlock(template, 'applications', lang, applications(template, report.applications, report.templateVersion, lang, t), report.applications, t),
    tableBlock(template, 'review_litigation', lang, reviewLitigation(template, report.reviewLitigation, lang, t), report.reviewLitigation, t),
  );
}

function tableBlock(template, key, lang, content, table, t) {
  const { title } = tableTitle(template, key, lang);
  const found = Boolean(table?.found);
  return h('section', { class: 'report-table', 'data-table': key, 'data-found': String(found) },
    h('h3', { 'data-table-title': key, text: title }),
    found ? null : h('p', { class: 'not-found', text: t.tableNotFound }),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': title, tabindex: '0' }, content));
}

function valueCell(cell, table, row, column, t) {
  const td = h('td', { 'data-cell': cellId(table, row, column) });
  const value = h('span', { class: 'v' });
  const stateName = cell?.state || (cell ? 'CELL_STATE_UNSPECIFIED' : 'CELL_STATE_MISSING');
  td.dataset.state = stateName.replace('CELL_STATE_', '').toLowerCase();
  const raw = cell?.raw ?? '';
  if (stateName === 'CELL_STATE_MISSING' || (!cell && raw === '')) {
    value.append(h('span', { class: 'absent', 'aria-label': t.missing, title: t.missing, text: '∅' }));
  } else if (raw === '') {
    value.append(h('span', { class: 'absent', 'aria-label': t.blank, title: t.blank, text: '·' }));
  } else {
    value.textContent = raw;
  }
  if (cell?.span?.line) td.dataset.line = String(cell.span.line);
  if (cell?.span && cell.span.endOffset > (cell.span.startOffset || 0)) {
    td.dataset.start = String(cell.span.startOffset || 0);
    td.dataset.end = String(cell.span.endOffset);
  }
  td.append(value, h('span', { class: 'mark-slot' }));
  return td;
}

// ------------------------------------------------------------------ 三 applications

function applications(template, table, version, lang, t) {
  const rows = table || {};
  const v = versionOf(version, rows);
  const layout = applicationsLayout(template, v);
  const [person, ...organisations] = layout.columns.slice(0, 6);
  const total = layout.columns[6];
  const header = h('thead', {},
    h('tr', {},
      h('th', { scope: 'col', rowspan: '2', class: 'row-head', text: t.rowLabel }),
      h('th', { scope: 'col', rowspan: '2', 'data-column': person.key, text: label(person, lang) }),
      h('th', { scope: 'colgroup', colspan: '5', text: t.legalPerson }),
      h('th', { scope: 'col', rowspan: '2', 'data-column': total.key, text: label(total, lang) })),
    h('tr', {}, organisations.map((c) => h('th', { scope: 'col', 'data-column': c.key, text: label(c, lang) }))));
  const body = h('tbody');
  for (const row of layout.rows) {
    if (row.group) {
      body.append(h('tr', { class: 'group-row' }, h('th', { scope: 'row', colspan: '8', class: `indent-${row.depth || 0}`, text: label(row, lang) })));
      continue;
    }
    const data = rows[fieldName(row.key)];
    const tr = h('tr', { 'data-row': row.key, 'data-found': String(Boolean(data)) },
      h('th', { scope: 'row', class: `row-label indent-${row.depth || 0}`, 'data-row-label': cellId('applications', row.key, '') },
        label(row, lang), data ? null : h('span', { class: 'row-missing', text: ` (${t.rowNotFound})` }),
        unassigned(data, t)));
    for (const c of layout.columns) tr.append(valueCell(data?.[fieldName(c.key)], 'applications', row.key, c.key, t));
    body.append(tr);
  }
  return h('table', { class: 'grid applications' }, header, body);
}

// Values the reader found in a row but could not place in columns (a collapsed row): shown, never guessed into cells.
function unassigned(row, t) {
  const values = row?.source?.unassignedValues || [];
  if (values.length === 0) return null;
  return h('span', { class: 'unassigned', text: ` ${t.unassigned}: ${values.map((c) => c.raw || '·').join(' ')}` });
}

function versionOf(version, rows) {
  if (version === 'TEMPLATE_VERSION_2019' || version === 'TEMPLATE_VERSION_2021') return version;
  if (rows.other && !rows.otherNoCorrection) return 'TEMPLATE_VERSION_2019';
  return 'TEMPLATE_VERSION_2021';
}

// ------------------------------------------------------------------ 二 active disclosure

// The report carries the version's rows in its own message: v2019 or v2021.
const ACTIVE_DISCLOSURE_FIELD = { TEMPLATE_VERSION_2019: 'v2019', TEMPLATE_VERSION_2021: 'v2021' };

function activeDisclosure(template, table, version, lang, t) {
  const v = table?.v2019 ? 'TEMPLATE_VERSION_2019' : table?.v2021 ? 'TEMPLATE_VERSION_2021' : versionOf(version, {});
  const rows = table?.[ACTIVE_DISCLOSURE_FIELD[v]] || {};
  const wrap = h('div', { class: 'blocks' });
  for (const block of blocksOf(template, 'active_disclosure', v)) {
    const tableEl = h('table', { class: 'grid active' },
      h('caption', { text: lang === 'zh' ? block.captionZh : block.captionEn }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'row-head', text: t.item }), block.columns.map((c) => h('th', { scope: 'col', text: label(c, lang) })))));
    const body = h('tbody');
    for (const row of block.rows) {
      const data = rows[fieldName(row.key)];
      const tr = h('tr', { 'data-row': row.key, 'data-found': String(Boolean(data)) },
        h('th', { scope: 'row', class: 'row-label', 'data-row-label': cellId('active_disclosure', row.key, '') }, label(row, lang)));
      for (const c of block.columns) tr.append(valueCell(data?.[fieldName(c.key)], 'active_disclosure', row.key, c.key, t));
      body.append(tr);
    }
    tableEl.append(body);
    wrap.append(tableEl);
  }
  return wrap;
}

// ------------------------------------------------------------------ 四 review and litigation
// Laid out with the three groups as rows (the template has them side by side, 15 columns wide), so
// it stays readable on a phone; the cells keep the rules.md column keys ("review.upheld").

function reviewLitigation(template, table, lang, t) {
  const data = table || {};
  const [block] = blocksOf(template, 'review_litigation', 'TEMPLATE_VERSION_2021');
  const outcomes = block?.columns || [];
  const header = h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'row-head', text: '' }), outcomes.map((o) => h('th', { scope: 'col', text: label(o, lang) }))));
  const body = h('tbody');
  for (const group of block?.rows || []) {
    const tr = h('tr', { 'data-row': group.key }, h('th', { scope: 'row', class: 'row-label', text: label(group, lang) }));
    for (const outcome of outcomes) {
      const key = `${group.key}.${outcome.key}`;
      tr.append(valueCell(data[fieldName(key)], 'review_litigation', 'row', key, t));
    }
    body.append(tr);
  }
  return h('table', { class: 'grid review' }, header, body);
}

// ------------------------------------------------------------------ marking findings

const SEVERITY_MARK = { SEVERITY_ERROR: 'fail', SEVERITY_WARNING: 'warn' };

function findCell(container, table, row, column) {
  if (!table || !column) return null;
  const direct = container.querySelector(`[data-cell="${CSS.escape(cellId(table, row || 'row', column))}"]`);
  if (direct) return direct;
  // Table 四 has one row; a finding may leave its row key empty.
  if (table === 'review_litigation') return container.querySelector(`[data-cell="${CSS.escape(cellId(table, 'row', column))}"]`);
  return null;
}

/**
 * The cell a finding's location is about. A row identity (applications.row_total) names only its row
 * and a column identity only its column; both point at their anchor cell (the total) by its source
 * span, so the cell is found by the span's start offset within the table.
 */
export function locateCell(container, loc) {
  if (!loc?.table) return null;
  const direct = findCell(container, loc.table, loc.row, loc.column);
  if (direct) return direct;
  const start = loc.startOffset ?? loc.span?.startOffset;
  const end = loc.endOffset ?? loc.span?.endOffset;
  if (!(end > (start || 0))) return null;
  const candidates = [...container.querySelectorAll(`[data-table="${loc.table}"] td[data-start="${start || 0}"][data-end="${end}"]`)]
    .filter((td) => (!loc.row || td.dataset.cell.split('|')[1] === loc.row) && (!loc.column || td.dataset.cell.split('|')[2] === loc.column));
  // Readers of structured formats give blank cells their row label's span; a span several cells
  // share names none of them, so the finding stays on the row.
  return candidates.length === 1 ? candidates[0] : null;
}

/**
 * Marks every cell a finding is about: errors and warnings on their location cell with the expected
 * value, the suspect cell of arithmetic.suspect_cell with its corrected value; row-level findings
 * mark the row label, table-level ones the table title.
 */
export function markTables(container, findings, lang, t) {
  findings.forEach((finding, index) => {
    const loc = finding.location || {};
    const suspect = finding.ruleId === 'arithmetic.suspect_cell';
    const kind = suspect ? 'suspect' : SEVERITY_MARK[finding.severity];
    if (!kind || !loc.table) return;
    const targets = [];
    const cell = locateCell(container, loc);
    if (cell) targets.push(cell);
    // A suspect finding may name its cell only among `cells`.
    if (suspect && !cell) {
      for (const ref of finding.cells || []) {
        const c = findCell(container, ref.table || loc.table, ref.row, ref.column);
        if (c) targets.push(c);
      }
    }
    if (targets.length) {
      for (const td of targets) markCell(td, kind, finding, index, t);
      return;
    }
    const label = loc.row && container.querySelector(`[data-row-label="${CSS.escape(cellId(loc.table, loc.row, ''))}"]`);
    const target = label || container.querySelector(`[data-table-title="${loc.table}"]`);
    if (target) {
      target.classList.add(`mark-${kind}`);
      target.dataset.findings = [target.dataset.findings, index].filter((x) => x !== undefined && x !== '').join(' ');
    }
  });
}

const RANK = { suspect: 3, fail: 2, warn: 1 };

function markCell(td, kind, finding, index, t) {
  td.dataset.findings = [td.dataset.findings, index].filter((x) => x !== undefined && x !== '').join(' ');
  if ((RANK[td.dataset.mark] || 0) >= RANK[kind]) return;
  td.dataset.mark = kind;
  // A marked cell leads back to its finding: clickable and reachable with Tab.
  td.tabIndex = 0;
  td.setAttribute('role', 'button');
  td.classList.remove('mark-fail', 'mark-warn', 'mark-suspect');
  td.classList.add(`mark-${kind}`);
  const slot = td.querySelector('.mark-slot');
  const word = kind === 'suspect' ? t.suspect : kind === 'fail' ? t.failing : t.warnCell;
  const symbol = kind === 'suspect' ? '◎' : kind === 'fail' ? '✕' : '!';
  // replaceChildren would print a null as "null": only real nodes go in.
  slot.replaceChildren(...[
    h('span', { class: 'mark-symbol', 'aria-hidden': 'true', text: symbol }),
    h('span', { class: 'visually-hidden', text: word }),
    finding.expected ? h('span', { class: 'expected', text: `${t.expected} ${finding.expected}` }) : null,
  ].filter(Boolean));
  td.title = `${finding.ruleId}: ${word}${finding.expected ? ` (${t.expected} ${finding.expected})` : ''}`;
}

/** Calls `select(index)` with the finding of a marked cell when it is clicked or activated by key. */
export function onCellActivated(container, select) {
  const activate = (event) => {
    const td = event.target.closest('td[data-mark]');
    if (!td) return;
    if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    const first = Number((td.dataset.findings || '').split(' ')[0]);
    if (Number.isInteger(first)) select(first, td);
  };
  container.addEventListener('click', activate);
  container.addEventListener('keydown', activate);
}

/** Outlines the cells the selected finding is about (its location and the cells of its identity). */
export function selectCells(finding) {
  for (const node of document.querySelectorAll('#tables .selected, #tables .involved')) node.classList.remove('selected', 'involved');
  if (!finding) return;
  const container = document.getElementById('tables');
  const loc = finding.location || {};
  for (const ref of finding.cells || []) findCell(container, ref.table || loc.table, ref.row, ref.column)?.classList.add('involved');
  const own = locateCell(container, loc);
  if (own) {
    own.classList.remove('involved');
    own.classList.add('selected');
  }
}
