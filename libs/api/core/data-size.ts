// Sizes of ConfigMap and Secret payloads: both are capped at 1 MiB in total.

export const maxDataSize = 1024 * 1024;

/** Bytes of a base64 value once decoded, the size kube counts for Secret data and binaryData. */
export const decodedSize = (base64: string): number => Buffer.from(base64, 'base64').length;

export const utf8Size = (value: string): number => Buffer.byteLength(value, 'utf8');
