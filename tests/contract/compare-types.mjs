// Writes .gen/compare.ts: for every type in reportvalidation-types.d.ts, a check that it is the same type as
// protoc-gen-es's JSON type of that message or enum (same keys, each assignable to the other), so the
// declarations the repository ships cannot drift from the protos as an independent generator reads them.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const declarations = read('../../src/ReportValidation.Server/wwwroot/js/reportvalidation-types.d.ts');
const names = [...declarations.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
const files = readdirSync(new URL('./.gen/reportvalidation/v1/', import.meta.url))
  .filter((f) => f.endsWith('_pb.ts'))
  .map((f) => f.slice(0, -'_pb.ts'.length));
const generated = Object.fromEntries(files.map((f) => [f, read(`./.gen/reportvalidation/v1/${f}_pb.ts`)]));
const lines = [
  "import type * as Ours from '../../../src/ReportValidation.Server/wwwroot/js/reportvalidation-types.js';",
  ...files.map((f) => `import type * as ${f} from './reportvalidation/v1/${f}_pb.js';`),
  'type Keys<T> = T extends object ? keyof T : never;',
  'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([Keys<A>] extends [Keys<B>] ? ([Keys<B>] extends [Keys<A>] ? true : false) : false) : false) : false;',
];
for (const name of names) {
  const file = files.find((f) => generated[f].includes(`export type ${name}Json = `));
  if (!file) {
    console.error(`protoc-gen-es generated no ${name}Json: the declarations name a type the protos do not have`);
    process.exit(1);
  }
  lines.push(`export const ${name}_matches: Same<Ours.${name}, ${file}.${name}Json> = true;`);
}
const generatedNames = files.flatMap((f) => [...generated[f].matchAll(/^export type (\w+)Json = /gm)].map((m) => m[1]));
const missing = generatedNames.filter((n) => !names.includes(n));
if (missing.length) {
  console.error(`reportvalidation-types.d.ts lacks ${missing.join(', ')}`);
  process.exit(1);
}
writeFileSync(new URL('./.gen/compare.ts', import.meta.url), lines.join('\n') + '\n');
console.log(`${names.length} message and enum types compared`);
