// Turns a Kubernetes protobuf request body into the object's JSON form, for the kinds in kinds.ts.
import type { KubeObject } from '../object';
import { StatusError } from '../status-error';
import { readEnvelope } from './envelope';
import { messageForKind } from './kinds';
import { decodeMessage } from './message-decoder';

// kube-apiserver names its scheme in "not registered" errors; clients only show the text.
const schemeName = 'pkg/api/legacyscheme/scheme.go:30';

const protobufMediaType = 'application/vnd.kubernetes.protobuf';

/** True for `application/vnd.kubernetes.protobuf`, with or without parameters. */
export const isProtobuf = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0].trim().toLowerCase() === protobufMediaType;

// protobufjs reports truncated input as a RangeError and bad wire types as plain Errors.
const asBadRequest = (error: unknown): StatusError => {
  if (error instanceof StatusError) return error;
  if (error instanceof RangeError) return StatusError.badRequest('unexpected EOF');
  const message = error instanceof Error ? error.message : String(error);
  return StatusError.badRequest(`proto: ${message}`);
};

/**
 * The object a protobuf body holds, with apiVersion and kind from its envelope. Throws a 400
 * StatusError for malformed input or a kind not in protobufKinds(). meta/v1 option kinds such as
 * DeleteOptions come back without metadata.
 */
export const decodeProtobufObject = (body: Uint8Array): KubeObject => {
  try {
    const { apiVersion, kind, raw } = readEnvelope(body);
    const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
    if (!kind) throw StatusError.badRequest(`Object 'Kind' is missing in '${typeMeta}'`);
    if (!apiVersion) throw StatusError.badRequest(`Object 'apiVersion' is missing in '${typeMeta}'`);
    const message = messageForKind(apiVersion, kind);
    if (!message) {
      throw StatusError.badRequest(
        `no kind "${kind}" is registered for version "${apiVersion}" in scheme "${schemeName}"`,
      );
    }
    const fields = decodeMessage(raw, message) as Record<string, unknown>;
    return { apiVersion, kind, ...fields } as KubeObject;
  } catch (error) {
    throw asBadRequest(error);
  }
};
