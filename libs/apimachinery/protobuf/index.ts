// Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf) decoded into JSON objects.
export { decodeProtobufObject, isProtobuf } from './decode-object';
export { protobufKinds } from './kinds';
export type { ProtobufKind } from './kinds';
