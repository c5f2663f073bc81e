// Pod fixtures for watch cache tests: keys, JSON values and a decode as the registry would do it.
import { KubeObject } from '@kubenest/apimachinery';
import { KeyValue } from '@kubenest/storage';

export const PODS = '/registry/core/pods/';

export const podKey = (namespace: string, name: string): string => `${PODS}${namespace}/${name}`;

export const podValue = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): string => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels }, spec });

export const decodePod = (kv: KeyValue): KubeObject => {
  const obj = JSON.parse(kv.value) as KubeObject;
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(kv.modRevision) } };
};

export const podBookmark = (resourceVersion: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { resourceVersion },
});

export const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Lets pending promise callbacks run; works under fake timers too. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
