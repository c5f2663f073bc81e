// Decodes a request body by its Content-Type: JSON, YAML or Kubernetes protobuf, as
// kube-apiserver's serializers accept them. Bodies arrive raw (the 3 MiB limit applies first).
// No decoding holds the event loop for more than a few tens of milliseconds: JSON is bounded by
// body-shape.ts before it is parsed, protobuf as it is decoded, YAML is parsed on a worker thread.
import { join } from 'node:path';
import { decodeProtobufObject, isProtobuf } from '@kubenest/apimachinery/protobuf';
import {
  MAX_BODY_COLLECTIONS,
  MAX_BODY_DEPTH,
  StatusError,
  checkBodyShape,
  jsonTextShape,
  tooDeep,
  tooManyCollections,
} from '@kubenest/apimachinery';
import { maxBodyBytes } from './raw-body';
import { WorkerPool } from './worker-pool';
import { YamlDecoded, YamlJob, YamlLimits, YamlRefusal } from './yaml-decode';

export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();

const jsonTypes = new Set([
  'application/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]);
const yamlTypes = new Set(['application/yaml', 'application/apply-patch+yaml']);

const yamlLimits: YamlLimits = {
  depth: MAX_BODY_DEPTH,
  collections: MAX_BODY_COLLECTIONS,
  // The parser resolves each alias by searching every anchor and alias: quadratic in their number.
  references: 1000,
  // Aliases let a small text expand: to no more JSON than twice the largest body.
  jsonBytes: 2 * maxBodyBytes,
};

// The CPU time the decoding thread may spend on one YAML body: some 400 KB of structured YAML (a
// ConfigMap's files in block scalars parse at 100 MB/s, far within it). The process spends half as
// much again in the garbage collector's threads and around the parse (a 650 KB body past the budget
// cost 810-870 ms in all), so that no request takes more than a second of CPU; kube-apiserver's
// parser is faster, and JSON bodies need no such limit.
const yamlBudgetMs = 500;

const yamlRefusal = (refused: YamlRefusal): StatusError => {
  if ('invalid' in refused) return StatusError.badRequest(`error converting YAML to JSON: ${refused.invalid}`);
  switch (refused.limit) {
    case 'depth':
      return tooDeep();
    case 'collections':
      return tooManyCollections();
    case 'references':
      return StatusError.badRequest(`the YAML body holds more than ${yamlLimits.references} anchors and aliases`);
    case 'jsonBytes':
      return StatusError.tooLarge(`the YAML body expands to more than ${yamlLimits.jsonBytes} bytes of JSON`);
  }
};

let yamlPool: WorkerPool<YamlJob, YamlDecoded> | undefined;

// Started on the first YAML body: one thread, so that YAML never takes more than one core from the
// event loop; bodies wait their turn.
const yamlWorkers = (): WorkerPool<YamlJob, YamlDecoded> =>
  (yamlPool ??= new WorkerPool({
    script: join(__dirname, 'yaml-decode.worker.js'),
    size: 1,
    budgetMs: yamlBudgetMs,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
    overBudget: () =>
      StatusError.tooLarge(
        `the YAML body takes more than ${yamlBudgetMs} ms of CPU to decode; send large objects as JSON`,
      ),
    outOfMemory: () => StatusError.tooLarge('the YAML body takes more memory to decode than a request may use'),
  }));

const decodeYaml = async (text: string): Promise<unknown> => {
  const decoded = await yamlWorkers().run({ text, limits: yamlLimits });
  if ('refused' in decoded) throw yamlRefusal(decoded.refused);
  return JSON.parse(decoded.json);
};

const decodeJson = (text: string): unknown => {
  checkBodyShape(jsonTextShape(text));
  try {
    return JSON.parse(text);
  } catch (e) {
    throw StatusError.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
};

export const decodeBody = async (body: Buffer | undefined, contentType: string | undefined): Promise<unknown> => {
  const type = mediaType(contentType);
  if (!body || body.length === 0) return undefined;
  if (isProtobuf(type)) return decodeProtobufObject(body);
  if (jsonTypes.has(type)) return decodeJson(body.toString('utf8'));
  if (yamlTypes.has(type)) return decodeYaml(body.toString('utf8'));
  throw StatusError.unsupportedMediaType(type);
};
