// Protobuf bodies for fuzzing: what real kubectl sent (the captured fixtures of the protobuf
// decoder), cut short, with bytes changed, fields repeated or lengths lied about, and hand-built
// envelopes holding floods of repeated messages or hostile embedded JSON.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { concat, envelope, int, msg, raw, str } from '@kubenest/apimachinery/protobuf/fixtures/proto-writer';
import { Random } from './random';
import { fuzzNamespace } from './targets';

export const protobufType = 'application/vnd.kubernetes.protobuf';

export interface CapturedBody {
  path: string;
  body: Buffer;
}

const fixturesDir = join(__dirname, '../../../../libs/apimachinery/protobuf/fixtures/kubectl-1.33');

/** Every protobuf POST kubectl 1.33 was seen to send, moved into the fuzz namespace. */
export const capturedBodies = (): CapturedBody[] =>
  readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap(
      (f) => (JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as { requests: CapturedRequest[] }).requests,
    )
    .filter((req) => req.method === 'POST' && req.contentType === protobufType)
    .map((req) => ({
      path: req.path.replace('/namespaces/default/', `/namespaces/${fuzzNamespace}/`),
      body: Buffer.from(req.body, 'base64'),
    }));

interface CapturedRequest {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

const varint = (n: number): Buffer => {
  const bytes: number[] = [];
  for (; n > 127; n = Math.floor(n / 128)) bytes.push((n % 128) | 128);
  bytes.push(n);
  return Buffer.from(bytes);
};

const mutateBytes = (r: Random, body: Buffer): Buffer =>
  r.weighted([
    [3, () => body.subarray(0, r.int(body.length + 1))],
    [3, () => Buffer.from(body.map((b) => (r.chance(0.02) ? r.int(256) : b)))],
    [
      1,
      () =>
        Buffer.concat([
          body.subarray(0, 4 + r.int(body.length)),
          varint(r.pick([2 ** 31, 2 ** 32 - 1, 1e6])),
          body.subarray(8),
        ]),
    ],
    [1, () => Buffer.concat([body, times(r.size(50_000), Buffer.from([0x0a, 0x00]))])],
    [
      1,
      () => Buffer.concat([body.subarray(0, 4), Buffer.from(Array.from({ length: r.size(2000) }, () => r.int(256)))]),
    ],
  ] as const)();

// A field repeated `n` times (spread into a call, a long list would pass the engine's argument limit).
const times = (n: number, field: Uint8Array): Buffer => Buffer.concat(Array.from({ length: n }, () => field));

// A ManagedFieldsEntry (ObjectMeta field 17) whose fieldsV1 (7) holds `json`.
const managedFields = (json: string) => msg(17, msg(7, str(1, json)));

const builtBody = (r: Random, name: string): Buffer =>
  r.weighted([
    [2, () => envelope('v1', 'Pod', msg(1, str(1, name)), msg(2, times(r.size(200_000), msg(2))))],
    [
      2,
      () =>
        envelope(
          'v1',
          'ConfigMap',
          msg(
            1,
            str(1, name),
            managedFields(r.pick(['['.repeat(r.size(5000)), '{"a":', `[${'{},'.repeat(r.size(200_000))}{}]`, 'null'])),
          ),
        ),
    ],
    [
      1,
      () =>
        envelope(
          'v1',
          'ConfigMap',
          msg(1, str(1, name)),
          Buffer.concat(Array.from({ length: r.size(100_000) }, (_, i) => msg(2, str(1, `k${i}`), str(2, 'v')))),
        ),
    ],
    [
      1,
      () =>
        envelope(
          r.pick(['v1', 'v2', '', 'apps/v1']),
          r.pick(['Pod', 'Nope', '', 'Status']),
          raw(r.int(20), Buffer.alloc(r.size(1000))),
        ),
    ],
    [
      1,
      () =>
        Buffer.concat([Buffer.from('k8s\0', 'latin1'), concat(int(1, r.int(1000)), raw(2, Buffer.alloc(r.size(100))))]),
    ],
  ] as const)();

/** A protobuf body: mostly a captured one, mutated; sometimes one built to strain the decoder. */
export const protobufBody = (r: Random, captured: CapturedBody, name: string): Buffer =>
  r.weighted([
    [2, () => captured.body],
    [5, () => mutateBytes(r, captured.body)],
    [3, () => builtBody(r, name)],
  ] as const)();
