// Generated from protos/reportvalidation/v1 by tests/ReportValidation.Server.Tests/Contract/TypeScriptDeclarations.cs;
// do not edit: REPORTVALIDATION_UPDATE_CONTRACT=1 dotnet test --filter ContractFileTests rewrites it.
// The proto3 JSON form of each message: what the JSON routes return and accept.

// reportvalidation/v1/report.proto

/** `reportvalidation.v1.TemplateVersion` */
export type TemplateVersion =
  | "TEMPLATE_VERSION_UNSPECIFIED"
  | "TEMPLATE_VERSION_2019"
  | "TEMPLATE_VERSION_2021";

/** `reportvalidation.v1.SourceFormat` */
export type SourceFormat =
  | "SOURCE_FORMAT_UNSPECIFIED"
  | "SOURCE_FORMAT_TEXT"
  | "SOURCE_FORMAT_HTML"
  | "SOURCE_FORMAT_DOCX"
  | "SOURCE_FORMAT_PDF";

/** `reportvalidation.v1.CellState` */
export type CellState =
  | "CELL_STATE_UNSPECIFIED"
  | "CELL_STATE_NUMBER"
  | "CELL_STATE_BLANK"
  | "CELL_STATE_TEXT"
  | "CELL_STATE_MISSING";

/** `reportvalidation.v1.DateKind` */
export type DateKind =
  | "DATE_KIND_UNSPECIFIED"
  | "DATE_KIND_PUBLICATION"
  | "DATE_KIND_SIGNATURE"
  | "DATE_KIND_PERIOD_START"
  | "DATE_KIND_PERIOD_END"
  | "DATE_KIND_OTHER";

/** `reportvalidation.v1.PublisherKind` */
export type PublisherKind =
  | "PUBLISHER_KIND_UNSPECIFIED"
  | "PUBLISHER_KIND_DEPARTMENT"
  | "PUBLISHER_KIND_GOVERNMENT"
  | "PUBLISHER_KIND_TOWNSHIP";

/** `reportvalidation.v1.LabelMatch` */
export type LabelMatch =
  | "LABEL_MATCH_UNSPECIFIED"
  | "LABEL_MATCH_OFFICIAL"
  | "LABEL_MATCH_ALIAS"
  | "LABEL_MATCH_POSITION";

/** `reportvalidation.v1.ReadingNoteKind` */
export type ReadingNoteKind =
  | "READING_NOTE_KIND_UNSPECIFIED"
  | "READING_NOTE_KIND_INVALID_BYTES_REPLACED"
  | "READING_NOTE_KIND_NUL_DROPPED";

/** `reportvalidation.v1.SourceSpan` */
export interface SourceSpan {
  line?: number;
  column?: number;
  startOffset?: number;
  endOffset?: number;
  page?: number;
  container?: string;
  x?: number | "NaN" | "Infinity" | "-Infinity";
  y?: number | "NaN" | "Infinity" | "-Infinity";
}

/** `reportvalidation.v1.Cell` */
export interface Cell {
  raw?: string;
  state?: CellState;
  integer?: string; /** one of `value` */
  decimal?: string; /** one of `value` */
  unit?: string;
  span?: SourceSpan;
}

/** `reportvalidation.v1.Date` */
export interface Date {
  year?: number;
  month?: number;
  day?: number;
}

/** `reportvalidation.v1.DateMention` */
export interface DateMention {
  raw?: string;
  date?: Date;
  kind?: DateKind;
  malformed?: boolean;
  span?: SourceSpan;
}

/** `reportvalidation.v1.StatisticalPeriod` */
export interface StatisticalPeriod {
  raw?: string;
  start?: Date;
  end?: Date;
  malformed?: boolean;
  span?: SourceSpan;
}

/** `reportvalidation.v1.Section` */
export interface Section {
  ordinal?: number;
  heading?: string;
  text?: string;
  headingSpan?: SourceSpan;
  span?: SourceSpan;
}

/** `reportvalidation.v1.RowSource` */
export interface RowSource {
  found?: boolean;
  label?: string;
  labelMatch?: LabelMatch;
  officialLabel?: string;
  valuesFound?: number;
  labelSpan?: SourceSpan;
  unassignedValues?: Cell[];
}

/** `reportvalidation.v1.StockRow` */
export interface StockRow {
  source?: RowSource;
  issued?: Cell;
  abolished?: Cell;
  inForce?: Cell;
}

/** `reportvalidation.v1.DecisionRow` */
export interface DecisionRow {
  source?: RowSource;
  decisions?: Cell;
}

/** `reportvalidation.v1.FeeAmountRow` */
export interface FeeAmountRow {
  source?: RowSource;
  feeAmount?: Cell;
}

/** `reportvalidation.v1.PublishedRow` */
export interface PublishedRow {
  source?: RowSource;
  newMade?: Cell;
  newPublished?: Cell;
  publishedTotal?: Cell;
}

/** `reportvalidation.v1.ItemsRow` */
export interface ItemsRow {
  source?: RowSource;
  prevItems?: Cell;
  change?: Cell;
  decisions?: Cell;
}

/** `reportvalidation.v1.FeeItemsRow` */
export interface FeeItemsRow {
  source?: RowSource;
  prevItems?: Cell;
  change?: Cell;
}

/** `reportvalidation.v1.ProcurementRow` */
export interface ProcurementRow {
  source?: RowSource;
  procurementItems?: Cell;
  procurementAmount?: Cell;
}

/** `reportvalidation.v1.ActiveDisclosure2021` */
export interface ActiveDisclosure2021 {
  regulations?: StockRow;
  normativeDocuments?: StockRow;
  licensing?: DecisionRow;
  penalty?: DecisionRow;
  coercion?: DecisionRow;
  fees?: FeeAmountRow;
}

/** `reportvalidation.v1.ActiveDisclosure2019` */
export interface ActiveDisclosure2019 {
  regulations?: PublishedRow;
  normativeDocuments?: PublishedRow;
  licensing?: ItemsRow;
  otherServices?: ItemsRow;
  penalty?: ItemsRow;
  coercion?: ItemsRow;
  fees?: FeeItemsRow;
  procurement?: ProcurementRow;
}

/** `reportvalidation.v1.ColumnHeader` */
export interface ColumnHeader {
  column?: string;
  label?: string;
  labelMatch?: LabelMatch;
  officialLabel?: string;
  span?: SourceSpan;
}

/** `reportvalidation.v1.ActiveDisclosureTable` */
export interface ActiveDisclosureTable {
  found?: boolean;
  span?: SourceSpan;
  v2019?: ActiveDisclosure2019; /** one of `layout` */
  v2021?: ActiveDisclosure2021; /** one of `layout` */
  headers?: ColumnHeader[];
}

/** `reportvalidation.v1.ApplicationsRow` */
export interface ApplicationsRow {
  source?: RowSource;
  naturalPerson?: Cell;
  commercialEnterprise?: Cell;
  researchInstitution?: Cell;
  socialWelfareOrg?: Cell;
  legalServiceOrg?: Cell;
  otherOrg?: Cell;
  total?: Cell;
}

/** `reportvalidation.v1.ApplicationsTable` */
export interface ApplicationsTable {
  found?: boolean;
  span?: SourceSpan;
  collapsed?: boolean;
  received?: ApplicationsRow;
  carriedOver?: ApplicationsRow;
  disclosed?: ApplicationsRow;
  partiallyDisclosed?: ApplicationsRow;
  withheldStateSecret?: ApplicationsRow;
  withheldProhibitedByLaw?: ApplicationsRow;
  withheldSecurityStability?: ApplicationsRow;
  withheldThirdPartyRights?: ApplicationsRow;
  withheldInternalAffairs?: ApplicationsRow;
  withheldProcessInformation?: ApplicationsRow;
  withheldEnforcementFiles?: ApplicationsRow;
  withheldQueryMatters?: ApplicationsRow;
  unavailableNotHeld?: ApplicationsRow;
  unavailableNeedsCreation?: ApplicationsRow;
  unavailableUnclearAfterCorrection?: ApplicationsRow;
  notProcessedComplaint?: ApplicationsRow;
  notProcessedDuplicate?: ApplicationsRow;
  notProcessedPublication?: ApplicationsRow;
  notProcessedExcessive?: ApplicationsRow;
  notProcessedConfirmation?: ApplicationsRow;
  other?: ApplicationsRow;
  otherNoCorrection?: ApplicationsRow;
  otherUnpaidFee?: ApplicationsRow;
  otherOther?: ApplicationsRow;
  total?: ApplicationsRow;
  carriedForward?: ApplicationsRow;
}

/** `reportvalidation.v1.ReviewLitigationTable` */
export interface ReviewLitigationTable {
  found?: boolean;
  span?: SourceSpan;
  source?: RowSource;
  reviewUpheld?: Cell;
  reviewCorrected?: Cell;
  reviewOther?: Cell;
  reviewPending?: Cell;
  reviewTotal?: Cell;
  litigationDirectUpheld?: Cell;
  litigationDirectCorrected?: Cell;
  litigationDirectOther?: Cell;
  litigationDirectPending?: Cell;
  litigationDirectTotal?: Cell;
  litigationAfterReviewUpheld?: Cell;
  litigationAfterReviewCorrected?: Cell;
  litigationAfterReviewOther?: Cell;
  litigationAfterReviewPending?: Cell;
  litigationAfterReviewTotal?: Cell;
}

/** `reportvalidation.v1.Report` */
export interface Report {
  title?: string;
  issuingBody?: string;
  year?: number;
  templateVersion?: TemplateVersion;
  publisherKind?: PublisherKind;
  sourceFormat?: SourceFormat;
  period?: StatisticalPeriod;
  dates?: DateMention[];
  sections?: Section[];
  activeDisclosure?: ActiveDisclosureTable;
  applications?: ApplicationsTable;
  reviewLitigation?: ReviewLitigationTable;
  titleSpan?: SourceSpan;
  titleYear?: number;
  extractedText?: string;
  readingNotes?: ReadingNote[];
}

/** `reportvalidation.v1.ReadingNote` */
export interface ReadingNote {
  kind?: ReadingNoteKind;
  count?: number;
  encoding?: string;
  first?: SourceSpan;
}

// reportvalidation/v1/template.proto

/** `reportvalidation.v1.GetTemplateRequest` */
export interface GetTemplateRequest {
}

/** `reportvalidation.v1.NationalTemplate` */
export interface NationalTemplate {
  versions?: TemplateVersionInfo[];
  tables?: TemplateTable[];
}

/** `reportvalidation.v1.TemplateVersionInfo` */
export interface TemplateVersionInfo {
  version?: TemplateVersion;
  document?: string;
  firstYear?: number;
  lastYear?: number;
}

/** `reportvalidation.v1.TemplateTable` */
export interface TemplateTable {
  key?: string;
  titleZh?: string;
  titleEn?: string;
  shortZh?: string;
  shortEn?: string;
  blocks?: TemplateBlock[];
}

/** `reportvalidation.v1.TemplateBlock` */
export interface TemplateBlock {
  versions?: TemplateVersion[];
  captionZh?: string;
  captionEn?: string;
  columns?: TemplateLabel[];
  rows?: TemplateLabel[];
}

/** `reportvalidation.v1.TemplateLabel` */
export interface TemplateLabel {
  key?: string;
  zh?: string;
  en?: string;
  versions?: TemplateVersion[];
  aliases?: string[];
  depth?: number;
  group?: boolean;
  shortZh?: string;
}

// reportvalidation/v1/validation.proto

/** `reportvalidation.v1.Severity` */
export type Severity =
  | "SEVERITY_UNSPECIFIED"
  | "SEVERITY_INFO"
  | "SEVERITY_WARNING"
  | "SEVERITY_ERROR";

/** `reportvalidation.v1.FindingOrigin` */
export type FindingOrigin =
  | "FINDING_ORIGIN_UNSPECIFIED"
  | "FINDING_ORIGIN_REPORT"
  | "FINDING_ORIGIN_EXTRACTION";

/** `reportvalidation.v1.Profile` */
export type Profile =
  | "PROFILE_UNSPECIFIED"
  | "PROFILE_SUBMISSION"
  | "PROFILE_AUDIT";

/** `reportvalidation.v1.Location` */
export interface Location {
  table?: string;
  row?: string;
  column?: string;
  line?: number;
  lineColumn?: number;
  startOffset?: number;
  endOffset?: number;
  section?: number;
  span?: SourceSpan;
}

/** `reportvalidation.v1.CellRef` */
export interface CellRef {
  table?: string;
  row?: string;
  column?: string;
  raw?: string;
  state?: CellState;
  span?: SourceSpan;
}

/** `reportvalidation.v1.Finding` */
export interface Finding {
  ruleId?: string;
  severity?: Severity;
  messageZh?: string;
  messageEn?: string;
  location?: Location;
  expected?: string;
  actual?: string;
  cells?: CellRef[];
  origin?: FindingOrigin;
  diagnosis?: string;
  acknowledged?: boolean;
  acknowledgement?: string;
}

/** `reportvalidation.v1.Acknowledgement` */
export interface Acknowledgement {
  ruleId?: string;
  table?: string;
  row?: string;
  column?: string;
  explanation?: string;
}

/** `reportvalidation.v1.ValidationOptions` */
export interface ValidationOptions {
  profile?: Profile;
  acknowledgements?: Acknowledgement[];
  localDeadline?: string;
}

/** `reportvalidation.v1.Summary` */
export interface Summary {
  errors?: number;
  warnings?: number;
  infos?: number;
  acknowledged?: number;
  passes?: boolean;
  profile?: Profile;
}

/** `reportvalidation.v1.ValidationResult` */
export interface ValidationResult {
  report?: Report;
  findings?: Finding[];
  summary?: Summary;
  ruleCatalogVersion?: string;
}

/** `reportvalidation.v1.RuleDescription` */
export interface RuleDescription {
  id?: string;
  severity?: Severity;
  descriptionZh?: string;
  descriptionEn?: string;
  templateVersions?: TemplateVersion[];
  category?: string;
  needsPreviousYear?: boolean;
}

// reportvalidation/v1/validator.proto

/** `reportvalidation.v1.ResultView` */
export type ResultView =
  | "RESULT_VIEW_UNSPECIFIED"
  | "RESULT_VIEW_FULL"
  | "RESULT_VIEW_FINDINGS";

/** `reportvalidation.v1.Document` */
export interface Document {
  text?: string; /** one of `body` */
  content?: string; /** one of `body` */
  contentType?: string;
  fileName?: string;
}

/** `reportvalidation.v1.ValidateDocumentRequest` */
export interface ValidateDocumentRequest {
  document?: Document;
  previousDocument?: Document;
  options?: ValidationOptions;
  requestId?: string;
  view?: ResultView;
}

/** `reportvalidation.v1.ValidateDocumentResponse` */
export interface ValidateDocumentResponse {
  result?: ValidationResult;
  cached?: boolean;
  contentHash?: string;
  requestId?: string;
}

/** `reportvalidation.v1.ValidateBatchRequest` */
export interface ValidateBatchRequest {
  document?: Document;
  previousDocument?: Document;
  options?: ValidationOptions;
  requestId?: string;
  view?: ResultView;
}

/** `reportvalidation.v1.ValidateBatchResponse` */
export interface ValidateBatchResponse {
  result?: ValidationResult; /** one of `outcome` */
  error?: ValidationError; /** one of `outcome` */
  cached?: boolean;
  contentHash?: string;
  requestId?: string;
}

/** `reportvalidation.v1.ValidationError` */
export interface ValidationError {
  code?: string;
  messageZh?: string;
  messageEn?: string;
}

/** `reportvalidation.v1.ValidateReportRequest` */
export interface ValidateReportRequest {
  report?: Report;
  previousReport?: Report;
  options?: ValidationOptions;
  view?: ResultView;
}

/** `reportvalidation.v1.ValidateReportResponse` */
export interface ValidateReportResponse {
  result?: ValidationResult;
  cached?: boolean;
  contentHash?: string;
}

/** `reportvalidation.v1.ListRulesRequest` */
export interface ListRulesRequest {
}

/** `reportvalidation.v1.ListRulesResponse` */
export interface ListRulesResponse {
  rules?: RuleDescription[];
  ruleCatalogVersion?: string;
}
