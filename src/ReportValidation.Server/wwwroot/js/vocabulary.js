// The cell vocabulary of rules.md (tables, row and column keys) with the template's labels, and the
// mapping from those keys to the proto JSON field names the report carries
// ("withheld.state_secret" → "withheldStateSecret", "review.upheld" → "reviewUpheld").

/** rules.md key to the lowerCamelCase field name of the protobuf JSON mapping. */
export function fieldName(key) {
  return key.replace(/[._]([a-z0-9])/g, (_, c) => c.toUpperCase());
}

export const APPLICATION_COLUMNS = [
  { key: 'natural_person', zh: '自然人', en: 'Natural person' },
  { key: 'commercial_enterprise', zh: '商业企业', en: 'Business' },
  { key: 'research_institution', zh: '科研机构', en: 'Research inst.' },
  { key: 'social_welfare_org', zh: '社会公益组织', en: 'Public welfare org.' },
  { key: 'legal_service_org', zh: '法律服务机构', en: 'Legal service org.' },
  { key: 'other_org', zh: '其他', en: 'Other org.' },
  { key: 'total', zh: '总计', en: 'Total' },
];

// `only` names the template version a row belongs to; rows without it are in both.
export const APPLICATION_ROWS = [
  { key: 'received', zh: '一、本年新收政府信息公开申请数量', en: '1. New applications this year' },
  { key: 'carried_over', zh: '二、上年结转政府信息公开申请数量', en: '2. Carried over from last year' },
  { group: true, zh: '三、本年度办理结果', en: '3. Outcomes this year' },
  { key: 'disclosed', zh: '（一）予以公开', en: '(1) Disclosed', indent: 1 },
  { key: 'partially_disclosed', zh: '（二）部分公开', en: '(2) Partially disclosed', indent: 1 },
  { group: true, zh: '（三）不予公开', en: '(3) Withheld', indent: 1 },
  { key: 'withheld.state_secret', zh: '1.属于国家秘密', en: '1. State secret', indent: 2 },
  { key: 'withheld.prohibited_by_law', zh: '2.其他法律行政法规禁止公开', en: '2. Prohibited by law', indent: 2 },
  { key: 'withheld.security_stability', zh: '3.危及“三安全一稳定”', en: '3. Security and stability', indent: 2 },
  { key: 'withheld.third_party_rights', zh: '4.保护第三方合法权益', en: "4. Third parties' rights", indent: 2 },
  { key: 'withheld.internal_affairs', zh: '5.属于三类内部事务信息', en: '5. Internal affairs', indent: 2 },
  { key: 'withheld.process_information', zh: '6.属于四类过程性信息', en: '6. Process information', indent: 2 },
  { key: 'withheld.enforcement_files', zh: '7.属于行政执法案卷', en: '7. Enforcement files', indent: 2 },
  { key: 'withheld.query_matters', zh: '8.属于行政查询事项', en: '8. Query matters', indent: 2 },
  { group: true, zh: '（四）无法提供', en: '(4) Cannot be provided', indent: 1 },
  { key: 'unavailable.not_held', zh: '1.本机关不掌握相关政府信息', en: '1. Not held', indent: 2 },
  { key: 'unavailable.needs_creation', zh: '2.没有现成信息需要另行制作', en: '2. Would need creating', indent: 2 },
  { key: 'unavailable.unclear_after_correction', zh: '3.补正后申请内容仍不明确', en: '3. Unclear after correction', indent: 2 },
  { group: true, zh: '（五）不予处理', en: '(5) Not processed', indent: 1 },
  { key: 'not_processed.complaint', zh: '1.信访举报投诉类申请', en: '1. Petitions and complaints', indent: 2 },
  { key: 'not_processed.duplicate', zh: '2.重复申请', en: '2. Duplicate', indent: 2 },
  { key: 'not_processed.publication', zh: '3.要求提供公开出版物', en: '3. Published material', indent: 2 },
  { key: 'not_processed.excessive', zh: '4.无正当理由大量反复申请', en: '4. Excessive, repeated', indent: 2 },
  { key: 'not_processed.confirmation', zh: '5.要求行政机关确认或重新出具已获取信息', en: '5. Confirm or reissue', indent: 2 },
  { key: 'other', zh: '（六）其他处理', en: '(6) Other handling', indent: 1, only: 'TEMPLATE_VERSION_2019' },
  { group: true, zh: '（六）其他处理', en: '(6) Other handling', indent: 1, only: 'TEMPLATE_VERSION_2021' },
  { key: 'other.no_correction', zh: '1.逾期不补正，不再处理', en: '1. No correction in time', indent: 2, only: 'TEMPLATE_VERSION_2021' },
  { key: 'other.unpaid_fee', zh: '2.逾期未缴费，不再处理', en: '2. Fee not paid in time', indent: 2, only: 'TEMPLATE_VERSION_2021' },
  { key: 'other.other', zh: '3.其他', en: '3. Other', indent: 2, only: 'TEMPLATE_VERSION_2021' },
  { key: 'total', zh: '（七）总计', en: '(7) Total', indent: 1 },
  { key: 'carried_forward', zh: '四、结转下年度继续办理', en: '4. Carried forward to next year' },
];

export const REVIEW_GROUPS = [
  { key: 'review', zh: '行政复议', en: 'Administrative review' },
  { key: 'litigation_direct', zh: '行政诉讼：未经复议直接起诉', en: 'Litigation, direct' },
  { key: 'litigation_after_review', zh: '行政诉讼：复议后起诉', en: 'Litigation, after review' },
];

export const REVIEW_OUTCOMES = [
  { key: 'upheld', zh: '结果维持', en: 'Upheld' },
  { key: 'corrected', zh: '结果纠正', en: 'Corrected' },
  { key: 'other', zh: '其他结果', en: 'Other' },
  { key: 'pending', zh: '尚未审结', en: 'Pending' },
  { key: 'total', zh: '总计', en: 'Total' },
];

const col = (key, zh, en) => ({ key, zh, en });

// Table 二 as the template lays it out: one block per 第二十条 item, each with its own columns.
export const ACTIVE_DISCLOSURE = {
  TEMPLATE_VERSION_2019: {
    layout: 'v2019',
    blocks: [
      {
        zh: '第二十条第（一）项', en: 'Art. 20 (1)',
        columns: [col('new_made', '本年新制作数量', 'Made this year'), col('new_published', '本年新公开数量', 'Published this year'), col('published_total', '对外公开总数量', 'Published in total')],
        rows: [{ key: 'regulations', zh: '规章', en: 'Rules' }, { key: 'normative_documents', zh: '规范性文件', en: 'Normative documents' }],
      },
      {
        zh: '第二十条第（五）项', en: 'Art. 20 (5)',
        columns: [col('prev_items', '上一年项目数量', 'Items last year'), col('change', '本年增/减', 'Change'), col('decisions', '处理决定数量', 'Decisions')],
        rows: [{ key: 'licensing', zh: '行政许可', en: 'Licensing' }, { key: 'other_services', zh: '其他对外管理服务事项', en: 'Other services' }],
      },
      {
        zh: '第二十条第（六）项', en: 'Art. 20 (6)',
        columns: [col('prev_items', '上一年项目数量', 'Items last year'), col('change', '本年增/减', 'Change'), col('decisions', '处理决定数量', 'Decisions')],
        rows: [{ key: 'penalty', zh: '行政处罚', en: 'Penalties' }, { key: 'coercion', zh: '行政强制', en: 'Coercive measures' }],
      },
      {
        zh: '第二十条第（八）项', en: 'Art. 20 (8)',
        columns: [col('prev_items', '上一年项目数量', 'Items last year'), col('change', '本年增/减', 'Change')],
        rows: [{ key: 'fees', zh: '行政事业性收费', en: 'Administrative fees' }],
      },
      {
        zh: '第二十条第（九）项', en: 'Art. 20 (9)',
        columns: [col('procurement_items', '采购项目数量', 'Procurement items'), col('procurement_amount', '采购总金额', 'Procurement amount')],
        rows: [{ key: 'procurement', zh: '政府集中采购', en: 'Central procurement' }],
      },
    ],
  },
  TEMPLATE_VERSION_2021: {
    layout: 'v2021',
    blocks: [
      {
        zh: '第二十条第（一）项', en: 'Art. 20 (1)',
        columns: [col('issued', '本年制发件数', 'Issued this year'), col('abolished', '本年废止件数', 'Abolished this year'), col('in_force', '现行有效件数', 'In force')],
        rows: [{ key: 'regulations', zh: '规章', en: 'Rules' }, { key: 'normative_documents', zh: '行政规范性文件', en: 'Normative documents' }],
      },
      {
        zh: '第二十条第（五）项', en: 'Art. 20 (5)',
        columns: [col('decisions', '本年处理决定数量', 'Decisions this year')],
        rows: [{ key: 'licensing', zh: '行政许可', en: 'Licensing' }],
      },
      {
        zh: '第二十条第（六）项', en: 'Art. 20 (6)',
        columns: [col('decisions', '本年处理决定数量', 'Decisions this year')],
        rows: [{ key: 'penalty', zh: '行政处罚', en: 'Penalties' }, { key: 'coercion', zh: '行政强制', en: 'Coercive measures' }],
      },
      {
        zh: '第二十条第（八）项', en: 'Art. 20 (8)',
        columns: [col('fee_amount', '本年收费金额（单位：万元）', 'Fees this year (10k CNY)')],
        rows: [{ key: 'fees', zh: '行政事业性收费', en: 'Administrative fees' }],
      },
    ],
  },
};

export const TABLE_TITLES = {
  active_disclosure: { zh: '二、主动公开政府信息情况', en: 'II. Proactive disclosure', shortZh: '表二', shortEn: 'Table II' },
  applications: { zh: '三、收到和处理政府信息公开申请情况', en: 'III. Applications received and handled', shortZh: '表三', shortEn: 'Table III' },
  review_litigation: { zh: '四、政府信息公开行政复议、行政诉讼情况', en: 'IV. Administrative review and litigation', shortZh: '表四', shortEn: 'Table IV' },
};

/** A readable name for a location key in either language, for finding lists. */
export function labelOf(table, row, column, lang) {
  const parts = [];
  if (table && TABLE_TITLES[table]) parts.push(TABLE_TITLES[table][lang === 'zh' ? 'shortZh' : 'shortEn']);
  if (table === 'applications') {
    const r = APPLICATION_ROWS.find((x) => x.key === row);
    if (r) parts.push(r[lang]);
    const c = APPLICATION_COLUMNS.find((x) => x.key === column);
    if (c) parts.push(c[lang]);
  } else if (table === 'review_litigation') {
    const [group, outcome] = (column || '').split('.');
    const g = REVIEW_GROUPS.find((x) => x.key === group);
    const o = REVIEW_OUTCOMES.find((x) => x.key === outcome);
    if (g) parts.push(g[lang]);
    if (o) parts.push(o[lang]);
  } else if (table === 'active_disclosure') {
    for (const version of Object.values(ACTIVE_DISCLOSURE)) {
      for (const block of version.blocks) {
        const r = block.rows.find((x) => x.key === row);
        const c = block.columns.find((x) => x.key === column);
        if (r && (c || !column)) {
          parts.push(r[lang]);
          if (c) parts.push(c[lang]);
          return parts.join(' · ');
        }
      }
    }
    // A column header (structure.nonstandard_label on 对外公开总数) names a column and no row.
    const header = !row && Object.values(ACTIVE_DISCLOSURE).flatMap((v) => v.blocks).flatMap((b) => b.columns).find((x) => x.key === column);
    if (header) return [...parts, header[lang]].join(' · ');
    if (row) parts.push(row);
    if (column) parts.push(column);
  }
  return parts.join(' · ');
}
