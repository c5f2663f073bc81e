// Decodes a request body by its Content-Type: JSON, YAML or Kubernetes protobuf, as
// kube-apiserver's serializers accept them. Bodies arrive raw (the 3 MiB limit applies first).
import { parse as parseYaml } from 'yaml';
import { StatusError } from '@kubenest/apimachinery';
import { decodeProtobufObject, isProtobuf } from '@kubenest/apimachinery/protobuf';
import { flowNestsTooDeep, jsonNestsTooDeep, MAX_BODY_DEPTH, nestsTooDeep } from './body-depth';

export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();

const jsonTypes = new Set([
  'application/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]);
const yamlTypes = new Set(['application/yaml', 'application/apply-patch+yaml']);

const tooDeep = () => StatusError.badRequest(`the request body nests deeper than ${MAX_BODY_DEPTH} levels`);

/** A decoded value whose depth was not known before decoding, refused when too deep. */
const shallow = (value: unknown): unknown => {
  if (value !== null && typeof value === 'object' && nestsTooDeep(value)) throw tooDeep();
  return value;
};

const decodeText = (text: string, type: string): unknown => {
  if (jsonTypes.has(type)) {
    if (jsonNestsTooDeep(text)) throw tooDeep();
    try {
      return JSON.parse(text);
    } catch (e) {
      throw StatusError.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  }
  if (yamlTypes.has(type)) {
    if (flowNestsTooDeep(text)) throw tooDeep();
    try {
      return shallow(parseYaml(text));
    } catch (e) {
      if (StatusError.is(e)) throw e;
      throw StatusError.badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
    }
  }
  throw StatusError.unsupportedMediaType(type);
};

export const decodeBody = (body: Buffer | undefined, contentType: string | undefined): unknown => {
  const type = mediaType(contentType);
  if (!body || body.length === 0) return undefined;
  return isProtobuf(type) ? shallow(decodeProtobufObject(body)) : decodeText(body.toString('utf8'), type);
};
