// The README's browser-client example, typed: compiles only while reportvalidation-client.d.ts and the
// generated message types describe what the client returns.
import { ReportValidationClient, ValidationRequestError, type Finding, type ValidateDocumentResponse } from '../../../src/ReportValidation.Server/wwwroot/js/reportvalidation-client.js';

export async function example(file: File, textarea: HTMLTextAreaElement): Promise<void> {
  const client = new ReportValidationClient({ baseUrl: 'https://validator.example' });
  const { result, cached, contentHash } = await client.validate(file, { profile: 'PROFILE_SUBMISSION' });
  const passes: boolean | undefined = result?.summary?.passes;
  const findings: Finding[] = result?.findings ?? [];
  const severity: 'SEVERITY_ERROR' | 'SEVERITY_WARNING' | 'SEVERITY_INFO' | 'SEVERITY_UNSPECIFIED' | undefined = findings[0]?.severity;
  const raw: string | undefined = result?.report?.applications?.received?.naturalPerson?.raw;
  const integer: string | undefined = result?.report?.applications?.received?.naturalPerson?.integer; // int64: a string
  console.log(passes, severity, raw, integer, cached, contentHash);

  const { rules, ruleCatalogVersion } = await client.listRules();
  console.log(rules.map((rule) => rule.id), ruleCatalogVersion);
  const { tables } = await client.template();
  console.log(tables?.map((table) => [table.key, table.titleZh, table.titleEn]));

  const check = client.latest({ delay: 400 });
  textarea.addEventListener('input', async () => {
    try {
      const response: ValidateDocumentResponse | null = await check(textarea.value, {
        profile: 'PROFILE_AUDIT',
        acknowledgements: [{ ruleId: 'cell.blank', table: 'applications', explanation: '本年度无此类申请' }],
      });
      if (response) console.log(response.result?.summary);
    } catch (error) {
      if (error instanceof ValidationRequestError) console.log(error.status, error.code, error.messageZh, error.messageEn);
    }
  });
  check.cancel();

  // @ts-expect-error a misspelt option is caught before it reaches the service
  await client.validate('text', { profle: 'PROFILE_SUBMISSION' });
  // @ts-expect-error profiles are the enum's names
  await client.validate('text', { profile: 'STRICT' });
}
