// metadata.generation counts changes to the desired state: everything but metadata and status.
import { isDeepStrictEqual } from 'node:util';
import { KubeObject } from '@kubenest/apimachinery';

const desiredState = (obj: KubeObject): Record<string, unknown> => {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
};

export const desiredStateChanged = (obj: KubeObject, old: KubeObject): boolean =>
  !isDeepStrictEqual(desiredState(obj), desiredState(old));
