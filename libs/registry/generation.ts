// metadata.generation counts changes to the desired state: everything but metadata and status.
import { isDeepStrictEqual } from 'node:util';
import { KubeObject } from '@kubenest/apimachinery';

// Compared as JSON, where a field set to undefined is no field at all.
const desiredState = (obj: KubeObject): Record<string, unknown> => {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
};

export const desiredStateChanged = (obj: KubeObject, old: KubeObject): boolean =>
  !isDeepStrictEqual(desiredState(obj), desiredState(old));
