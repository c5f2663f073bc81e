// A container's environment as kubelet builds it: envFrom, then env (values with $(VAR)
// expanded, ConfigMap and Secret keys, the downward API), then the service-link variables for
// names not already set. A missing required source stops the container with
// CreateContainerConfigError, as in kubelet.
import { ContainerCannotRun } from '../../runtime/container-cannot-run';
import type { ConfigMap, Container, NodeFacts, Pod, Secret, Service } from '../pod-types';
import { expandVars } from './expand';
import { fieldRefValue, resourceFieldRefValue } from './field-ref';
import { serviceLinkEnv } from './service-links';

/** Reads with the node's identity; undefined when the object does not exist. */
export interface EnvSources {
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
  services(namespace: string): Promise<Service[]>;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const configError = (message: string) => new ContainerCannotRun('CreateContainerConfigError', message);

/** A Secret's or ConfigMap's keys as text. */
export const secretData = (s: Secret): Record<string, string> =>
  Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
export const configMapData = (cm: ConfigMap): Record<string, string> => ({
  ...Object.fromEntries(
    Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  ),
  ...(cm.data ?? {}),
});

/** Fetches each object once per resolution. */
const cached = <T>(fetch: (ns: string, name: string) => Promise<T | undefined>) => {
  const seen = new Map<string, Promise<T | undefined>>();
  return (ns: string, name: string) => {
    const key = `${ns}/${name}`;
    if (!seen.has(key)) seen.set(key, fetch(ns, name));
    return seen.get(key)!;
  };
};

export async function containerEnv(
  pod: Pod,
  container: Container,
  node: NodeFacts,
  sources: EnvSources,
): Promise<Record<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const getConfigMap = cached(sources.configMap);
  const getSecret = cached(sources.secret);
  const [namespaced, defaults] = await Promise.all([
    pod.spec?.enableServiceLinks === false ? Promise.resolve([]) : sources.services(ns),
    ns === 'default' ? Promise.resolve([]) : sources.services('default'),
  ]);
  const master = [...namespaced, ...defaults].find(
    (s) => s.metadata?.name === 'kubernetes' && s.metadata.namespace === 'default',
  );
  const serviceEnv = serviceLinkEnv(ns, pod.spec?.enableServiceLinks !== false, namespaced, master);

  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      const cm = await getConfigMap(ns, from.configMapRef.name ?? '');
      if (!cm && !from.configMapRef.optional) throw configError(`configmap "${from.configMapRef.name}" not found`);
      data = cm && configMapData(cm);
    } else if (from.secretRef) {
      const s = await getSecret(ns, from.secretRef.name ?? '');
      if (!s && !from.secretRef.optional) throw configError(`secret "${from.secretRef.name}" not found`);
      data = s && secretData(s);
    }
    for (const [k, v] of Object.entries(data ?? {})) {
      const name = `${from.prefix ?? ''}${k}`;
      if (ENV_NAME.test(name)) env[name] = v;
    }
  }

  for (const e of container.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      env[e.name] = expandVars(e.value ?? '', { ...serviceEnv, ...env });
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const cm = await getConfigMap(ns, ref.name ?? '');
      const value = cm ? configMapData(cm)[ref.key] : undefined;
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) {
        throw configError(
          cm ? `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` : `configmap "${ref.name}" not found`,
        );
      }
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const s = await getSecret(ns, ref.name ?? '');
      const value = s ? secretData(s)[ref.key] : undefined;
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) {
        throw configError(
          s ? `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` : `secret "${ref.name}" not found`,
        );
      }
    } else if (from.fieldRef) {
      const value = fieldRefValue(pod, from.fieldRef.fieldPath, node);
      if (value === undefined) throw configError(`unsupported fieldPath: ${from.fieldRef.fieldPath}`);
      env[e.name] = value;
    } else if (from.resourceFieldRef) {
      const ref = from.resourceFieldRef;
      const target = ref.containerName ? allContainers(pod).find((c) => c.name === ref.containerName) : container;
      const value = resourceFieldRefValue(target, ref.resource, ref.divisor as string | undefined, node);
      if (value === undefined) throw configError(`unsupported container resource: ${ref.resource}`);
      env[e.name] = value;
    }
  }

  for (const [k, v] of Object.entries(serviceEnv)) if (!(k in env)) env[k] = v;
  return env;
}

export const allContainers = (pod: Pod): Container[] => [
  ...(pod.spec?.initContainers ?? []),
  ...(pod.spec?.containers ?? []),
];

/**
 * command + args with $(VAR) expanded from the container's environment. Without a command, args
 * replace the image's CMD: no ENTRYPOINT is known here, so they are the command line, as with
 * busybox, which `kubectl run --image=busybox -- sh -c ...` relies on.
 */
export const containerArgv = (container: Container, env: Record<string, string>): string[] =>
  [...(container.command ?? []), ...(container.args ?? [])].map((word) => expandVars(word, env));
