// The national templates as the service describes them (GET /v1/template): tables, rows and columns
// by the rules.md keys a finding's location uses, with labels in both languages. Loaded once; the
// page keeps no copy of its own.

/** rules.md key to the lowerCamelCase field name of the protobuf JSON mapping ("withheld.state_secret" → "withheldStateSecret"). */
export function fieldName(key) {
  return key.replace(/[._]([a-z0-9])/g, (_, c) => c.toUpperCase());
}

let loaded = null;
let pending = null;

/** Fetches the templates once; a failed fetch is tried again on the next call. */
export function loadTemplate(client) {
  if (loaded) return Promise.resolve(loaded);
  pending ??= client.template().then((template) => {
    loaded = index(template);
    return loaded;
  }).finally(() => { pending = null; });
  return pending;
}

/** The templates once loaded, else null. */
export function currentTemplate() {
  return loaded;
}

const VERSIONS = ['TEMPLATE_VERSION_2019', 'TEMPLATE_VERSION_2021'];

const inVersion = (item, version) => !item.versions?.length || item.versions.includes(version);

function index(template) {
  const tables = Object.fromEntries((template.tables || []).map((t) => [t.key, t]));
  return { versions: template.versions || [], tables };
}

/** A table's title ("二、主动公开政府信息情况") and short name ("表二") in the language. */
export function tableTitle(template, key, lang) {
  const table = template.tables[key];
  if (!table) return { title: key, short: key };
  return lang === 'zh' ? { title: table.titleZh, short: table.shortZh } : { title: table.titleEn, short: table.shortEn };
}

export const label = (item, lang) => (lang === 'zh' ? item.shortZh || item.zh : item.en) || '';

/** The sub-tables of a table in one template version. */
export function blocksOf(template, key, version) {
  return (template.tables[key]?.blocks || []).filter((b) => inVersion(b, version));
}

/** Table 三 in one version: its columns, and its rows with the group headings among them. */
export function applicationsLayout(template, version) {
  const [block] = blocksOf(template, 'applications', version);
  return {
    columns: block?.columns || [],
    rows: (block?.rows || []).filter((r) => inVersion(r, version)),
  };
}

/** A readable name for a location key in either language, for finding lists. */
export function labelOf(template, table, row, column, lang) {
  if (!template || !table) return '';
  const parts = [tableTitle(template, table, lang).short];
  const blocks = template.tables[table]?.blocks || [];
  if (table === 'review_litigation') {
    const [group, outcome] = (column || '').split('.');
    const [block] = blocks;
    const g = block?.rows.find((x) => x.key === group);
    const o = block?.columns.find((x) => x.key === outcome);
    if (g) parts.push(label(g, lang));
    if (o) parts.push(label(o, lang));
    return parts.join(' · ');
  }
  for (const version of VERSIONS) {
    for (const block of blocks.filter((b) => inVersion(b, version))) {
      const r = block.rows.find((x) => x.key && x.key === row);
      const c = block.columns.find((x) => x.key === column);
      if (r && (c || !column)) return [...parts, label(r, lang), ...(c ? [label(c, lang)] : [])].join(' · ');
    }
  }
  // A column header (structure.nonstandard_label on a deviating header) names a column and no row.
  const header = !row && blocks.flatMap((b) => b.columns).find((x) => x.key === column);
  if (header) return [...parts, label(header, lang)].join(' · ');
  if (row) parts.push(row);
  if (column) parts.push(column);
  return parts.join(' · ');
}
