// The running server as callers who never saw this repository's code meet it: Node's @grpc/grpc-js with
// @grpc/proto-loader loading protos/ with that one include directory, and plain fetch for the JSON routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const grpcAddress = process.env.REPORTVALIDATION_GRPC_ADDRESS;
const baseUrl = process.env.REPORTVALIDATION_BASE_URL;
const seedsDir = `${root}tests/TestData/seeds`;
const seed = (prefix) => readFileSync(`${seedsDir}/${readdirSync(seedsDir).find((f) => f.startsWith(prefix))}`, 'utf8');

const definition = protoLoader.loadSync('reportvalidation/v1/validator.proto', {
  includeDirs: [`${root}protos`],
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
});
const { reportvalidation } = grpc.loadPackageDefinition(definition);
const client = new reportvalidation.v1.ReportValidator(grpcAddress, grpc.credentials.createInsecure());
const unary = (method, request) =>
  new Promise((resolve, reject) => client[method](request, { deadline: Date.now() + 30000 }, (error, response) => (error ? reject(error) : resolve(response))));

test('proto-loader loads the protos with only -I protos and lists the rules', async () => {
  const response = await unary('listRules', {});
  assert.ok(response.rules.length > 20);
  assert.ok(response.rules.some((rule) => rule.id === 'cell.blank'));
});

test('grpc-js validates a seed and reads the typed result', async () => {
  const response = await unary('validateDocument', { document: { text: seed('004') }, options: { profile: 'PROFILE_SUBMISSION' } });
  assert.deepEqual(response.result.findings.map((f) => f.ruleId), ['cell.blank']);
  assert.equal(response.result.summary.passes ?? false, false);
  assert.equal(response.contentHash.length, 64);
});

test('a batch stream answers in order with result or error in its oneof', async () => {
  const call = client.validateBatch();
  const answers = [];
  const done = new Promise((resolve, reject) => {
    call.on('data', (answer) => answers.push(answer));
    call.on('end', resolve);
    call.on('error', reject);
  });
  call.write({ requestId: 'a', document: { text: seed('001') } });
  call.write({ requestId: 'b', document: { content: Buffer.from([0, 0, 0, 0, 1, 2]) } });
  call.end();
  await done;
  assert.deepEqual(answers.map((a) => [a.requestId, a.outcome]), [['a', 'result'], ['b', 'error']]);
  assert.equal(answers[1].error.code, 'document.binary');
});

test('a refused document carries google.rpc.Status details in grpc-status-details-bin', async () => {
  const error = await unary('validateDocument', { document: { content: Buffer.from([0, 0, 0, 0, 1, 2]) } }).catch((e) => e);
  assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
  const details = error.metadata.get('grpc-status-details-bin')[0];
  assert.ok(details && details.includes(Buffer.from('document.binary')));
});

test('a misspelt JSON option is a 400 naming the field, not a different verdict', async () => {
  const response = await fetch(`${baseUrl}/v1/reports:validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ document: { text: seed('004') }, options: { profle: 'PROFILE_SUBMISSION' } }),
  });
  assert.equal(response.status, 400);
  const status = await response.json();
  const badRequest = status.details.find((d) => d['@type'].endsWith('google.rpc.BadRequest'));
  assert.equal(badRequest.fieldViolations[0].field, 'options.profle');
});

test('the served OpenAPI is the checked-in file', async () => {
  const served = await (await fetch(`${baseUrl}/openapi.json`)).text();
  assert.equal(served, readFileSync(`${root}src/ReportValidation.Server/openapi.json`, 'utf8'));
});

test('HTTP probes and a wrong verb', async () => {
  assert.equal((await fetch(`${baseUrl}/healthz`)).status, 200);
  assert.equal((await fetch(`${baseUrl}/readyz`)).status, 200);
  const wrongVerb = await fetch(`${baseUrl}/v1/reports:validate`);
  assert.equal(wrongVerb.status, 405);
  assert.equal(wrongVerb.headers.get('allow'), 'POST');
});

test.after(() => client.close());
