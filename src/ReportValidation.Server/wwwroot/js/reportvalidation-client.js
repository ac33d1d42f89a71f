// ReportValidation browser client: a dependency-free ES module a portal can drop into its own form.
// It speaks the service's JSON transcoding endpoints (the protobuf JSON mapping of
// protos/reportvalidation/v1/validator.proto), so what it returns is exactly what gRPC returns:
// lowerCamelCase fields, enums as names ("SEVERITY_ERROR"), int64 as strings, unset fields omitted.
//
//   import { ReportValidationClient } from './js/reportvalidation-client.js';
//   const client = new ReportValidationClient();                 // same origin; or { baseUrl: 'https://…' }
//   const response = await client.validate(textOrFile, { profile: 'PROFILE_SUBMISSION' });
//   response.result.summary.passes; response.result.findings; response.cached;
//   const { rules } = await client.listRules();
//   const { tables } = await client.template();   // row and column labels of both templates
//
// For a form that validates while the clerk types, `latest()` gives a function that debounces and
// aborts the request it supersedes, so a slow answer for old text never overwrites a newer one.

/** Content types for the file kinds the engine reads, by file extension. */
const CONTENT_TYPES = {
  txt: 'text/plain',
  text: 'text/plain',
  htm: 'text/html',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The service refused the document or the call failed; carries both languages when the service gave them. */
export class ValidationRequestError extends Error {
  constructor({ status = 0, code = '', message = '', messageZh = '', messageEn = '' } = {}) {
    super(messageEn || message || messageZh || `request failed (${status})`);
    this.name = 'ValidationRequestError';
    this.status = status;        // HTTP status; 0 when the network failed
    this.code = code;            // e.g. "document.empty" when the service names one
    this.messageZh = messageZh || message || '';
    this.messageEn = messageEn || message || '';
  }
}

/** True when an error only says the request was superseded or cancelled. */
export function isAbort(error) {
  return error?.name === 'AbortError';
}

/** The content type for a file: the browser's, or one from its extension the engine understands. */
export function contentTypeOf(file) {
  const ext = (file.name || '').toLowerCase().split('.').pop();
  return CONTENT_TYPES[ext] || file.type || 'application/octet-stream';
}

/** Bytes to base64 (protobuf JSON for `bytes`), in chunks so large files do not overflow the call stack. */
export function toBase64(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * The `Document` message for a string (pasted text), a File/Blob (raw bytes, decoded by the service,
 * so GB18030 and UTF-16 files are read as the engine reads them), or an already built Document.
 */
export async function toDocument(input) {
  if (typeof input === 'string') {
    return { text: input };
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const bytes = new Uint8Array(await input.arrayBuffer());
    const document = { content: toBase64(bytes), contentType: contentTypeOf(input) };
    if (input.name) document.fileName = input.name;
    return document;
  }
  if (input && (typeof input.text === 'string' || typeof input.content === 'string')) {
    return input;
  }
  throw new TypeError('validate() takes a string, a File/Blob, or a Document object');
}

export class ReportValidationClient {
  /**
   * @param {{ baseUrl?: string, fetch?: typeof fetch, headers?: Record<string,string> }} [settings]
   */
  constructor({ baseUrl = '', fetch: fetchImpl, headers = {} } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
    this.headers = headers;
  }

  /**
   * Validates a document. `options` is a ValidationOptions message: { profile: 'PROFILE_SUBMISSION' |
   * 'PROFILE_AUDIT', acknowledgements: [{ ruleId, table, row, column, explanation }], localDeadline }.
   * `previous` (optional) is last year's report of the same body, as text or a file.
   * Resolves to the ValidateDocumentResponse: { result: { report, findings, summary, ruleCatalogVersion },
   * cached, contentHash }. Rejects with ValidationRequestError, or an AbortError when `signal` aborts.
   */
  async validate(input, options = {}, { signal, previous } = {}) {
    const body = { document: await toDocument(input) };
    if (previous !== undefined && previous !== null) body.previousDocument = await toDocument(previous);
    if (options && Object.keys(options).length) body.options = options;
    return this.#call('POST', '/v1/reports:validate', body, signal);
  }

  /** The rule catalog: { rules: [{ id, severity, descriptionZh, descriptionEn, category, … }], ruleCatalogVersion }. */
  async listRules({ signal } = {}) {
    const response = await this.#call('GET', '/v1/rules', undefined, signal);
    return { rules: response.rules || [], ruleCatalogVersion: response.ruleCatalogVersion || '' };
  }

  /** Both national templates (`NationalTemplate` of template.proto): tables, rows and columns by key, labels in both languages. */
  async template({ signal } = {}) {
    return this.#call('GET', '/v1/template', undefined, signal);
  }

  /**
   * A validating function for a form field: each call cancels the pending timer and aborts the request
   * in flight, waits `delay` ms of quiet, then validates. Only the newest call's promise resolves;
   * superseded calls resolve to null, so callers need no abort handling. `extra.delay` overrides the
   * wait for one call (0 for a dropped file, which needs no debouncing).
   *   const check = client.latest({ delay: 400 });
   *   textarea.oninput = async () => { const r = await check(textarea.value, options); if (r) show(r); };
   */
  latest({ delay = 400 } = {}) {
    let controller = null;
    let timer = null;
    let settlePending = null;
    const check = (input, options, { delay: wait = delay, ...extra } = {}) => {
      controller?.abort();
      clearTimeout(timer);
      settlePending?.(null);
      const own = new AbortController();
      controller = own;
      return new Promise((resolve, reject) => {
        settlePending = resolve;
        timer = setTimeout(() => {
          settlePending = null;
          this.validate(input, options, { ...extra, signal: own.signal }).then(
            (response) => resolve(own.signal.aborted ? null : response),
            (error) => (isAbort(error) || own.signal.aborted ? resolve(null) : reject(error)),
          );
        }, wait);
      });
    };
    check.cancel = () => {
      controller?.abort();
      clearTimeout(timer);
      settlePending?.(null);
      settlePending = null;
    };
    return check;
  }

  async #call(method, path, body, signal) {
    let response;
    try {
      response = await this.fetch(this.baseUrl + path, {
        method,
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...this.headers },
        body: body ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ValidationRequestError({ status: 0, message: String(error?.message || error) });
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = null;
    }
    if (!response.ok) {
      throw new ValidationRequestError({ status: response.status, ...describeFailure(json, text) });
    }
    if (json === null) {
      throw new ValidationRequestError({ status: response.status, message: 'the service answered with no JSON' });
    }
    return json;
  }
}

// Transcoding errors are google.rpc.Status JSON: { code, message, details: [Any…] }. The service puts
// the stable error code in an ErrorInfo's reason ("document.empty") and the Chinese text in a
// LocalizedMessage; `message` is English.
function describeFailure(json, text) {
  if (!json) return { message: text?.slice(0, 300) || '' };
  const details = Array.isArray(json.details) ? json.details : [];
  const typed = (name) => details.find((d) => typeof d?.['@type'] === 'string' && d['@type'].endsWith(`/google.rpc.${name}`));
  const info = typed('ErrorInfo');
  const localized = details.find((d) => d?.['@type']?.endsWith('/google.rpc.LocalizedMessage') && /^zh/i.test(d.locale || ''));
  return {
    code: info?.reason || (typeof json.code === 'string' ? json.code : ''),
    message: json.message || json.title || '',
    messageZh: localized?.message || json.messageZh || '',
    messageEn: json.messageEn || json.message || '',
  };
}
