// Types of reportvalidation-client.js for portals written in TypeScript (or JavaScript checked by tsc).
// The messages are those of reportvalidation-types.d.ts, generated from the protos.
import type {
  Document,
  NationalTemplate,
  RuleDescription,
  ValidateDocumentResponse,
  ValidationOptions,
} from './reportvalidation-types.js';

export type * from './reportvalidation-types.js';

/** The service refused the document or the call failed; carries both languages when the service gave them. */
export declare class ValidationRequestError extends Error {
  constructor(init?: { status?: number; code?: string; message?: string; messageZh?: string; messageEn?: string });
  readonly name: 'ValidationRequestError';
  /** HTTP status; 0 when the network failed. */
  status: number;
  /** The ErrorInfo reason, e.g. "document.empty", "request.unknown_field"; empty when the service named none. */
  code: string;
  /** The service's LocalizedMessage (zh-CN). */
  messageZh: string;
  messageEn: string;
}

/** What validate() reads: pasted text, a dropped or chosen file, or a Document message. */
export type ValidationInput = string | Blob | Document;

export interface ClientSettings {
  /** The service's origin, e.g. "https://validator.example"; empty for the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export interface CallSettings {
  signal?: AbortSignal;
  /** Last year's report of the same body, for the cross-year rules. */
  previous?: ValidationInput | null;
}

/** A debounced validating function from latest(): superseded calls resolve to null. */
export interface LatestValidation {
  (input: ValidationInput, options?: ValidationOptions, settings?: CallSettings & { delay?: number }): Promise<ValidateDocumentResponse | null>;
  cancel(): void;
}

export declare class ReportValidationClient {
  constructor(settings?: ClientSettings);
  readonly baseUrl: string;
  validate(input: ValidationInput, options?: ValidationOptions, settings?: CallSettings): Promise<ValidateDocumentResponse>;
  listRules(settings?: { signal?: AbortSignal }): Promise<{ rules: RuleDescription[]; ruleCatalogVersion: string }>;
  /** Both national templates: tables, rows and columns by rules.md key, labels in Chinese and English. */
  template(settings?: { signal?: AbortSignal }): Promise<NationalTemplate>;
  latest(settings?: { delay?: number }): LatestValidation;
}

/** True when an error only says the request was superseded or cancelled. */
export declare function isAbort(error: unknown): boolean;

/** The content type for a file: one from its extension the engine understands, or the browser's. */
export declare function contentTypeOf(file: Blob & { name?: string }): string;

/** Bytes to base64 (protobuf JSON for `bytes`). */
export declare function toBase64(bytes: Uint8Array): string;

/** The Document message for text, a file, or an already built Document. */
export declare function toDocument(input: ValidationInput): Promise<Document>;
