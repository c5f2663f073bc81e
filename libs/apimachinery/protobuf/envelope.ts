// The envelope of a Kubernetes protobuf body: the magic "k8s\0", then a runtime.Unknown message
// {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}.
import { Reader } from 'protobufjs/minimal';
import { StatusError } from '../status-error';

export const protobufMagic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** The object's own protobuf encoding. */
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const readTypeMeta = (bytes: Uint8Array): { apiVersion: string; kind: string } => {
  const reader = Reader.create(bytes);
  const typeMeta = { apiVersion: '', kind: '' };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | 2)) typeMeta.apiVersion = reader.string();
    else if (tag === ((2 << 3) | 2)) typeMeta.kind = reader.string();
    else reader.skipType(tag & 7);
  }
  return typeMeta;
};

/** Splits a body into its type and raw object bytes; the messages are kube-apiserver's. */
export const readEnvelope = (body: Uint8Array): Envelope => {
  if (body.length === 0) throw StatusError.badRequest('empty data');
  if (body.length < protobufMagic.length || !protobufMagic.equals(body.subarray(0, protobufMagic.length))) {
    throw StatusError.badRequest(
      `provided data does not appear to be a protobuf message, expected prefix [${[...protobufMagic].join(' ')}]`,
    );
  }
  if (body.length === protobufMagic.length) throw StatusError.badRequest('empty body');
  const reader = Reader.create(body.subarray(protobufMagic.length));
  const envelope: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(), contentEncoding: '', contentType: '' };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    switch (tag) {
      case (1 << 3) | 2:
        Object.assign(envelope, readTypeMeta(reader.bytes()));
        break;
      case (2 << 3) | 2:
        envelope.raw = reader.bytes();
        break;
      case (3 << 3) | 2:
        envelope.contentEncoding = reader.string();
        break;
      case (4 << 3) | 2:
        envelope.contentType = reader.string();
        break;
      default:
        reader.skipType(tag & 7);
    }
  }
  return envelope;
};
