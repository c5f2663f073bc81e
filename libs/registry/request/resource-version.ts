// The resourceVersion of a list or watch request, parsed as kube-apiserver's storage does
// (APIObjectVersioner.ParseResourceVersion: an unsigned 64-bit decimal), refused as its etcd3
// store refuses a bad one: 400 "invalid resource version", quoting the parse error.
import { StatusError } from '@kubenest/apimachinery';

const UINT64_MAX = 2n ** 64n - 1n;

/** A revision from a non-empty resourceVersion; "0" is 0 (any state, or from now for a watch). */
export const parseResourceVersion = (resourceVersion: string): number => {
  const digits = /^\d+$/.test(resourceVersion);
  if (digits && BigInt(resourceVersion) <= UINT64_MAX) return Number(resourceVersion);
  const quoted = JSON.stringify(resourceVersion);
  const why = digits ? 'value out of range' : 'invalid syntax';
  throw StatusError.badRequest(
    `invalid resource version: resourceVersion: Invalid value: ${quoted}: strconv.ParseUint: parsing ${quoted}: ${why}`,
  );
};
