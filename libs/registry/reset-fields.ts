// The fields each endpoint of a kind takes back from the stored object on update, declared as
// data as kube's GetResetFields declares them per endpoint: the main resource resets status, the
// status subresource everything but status. Server-side apply will read the same table.
import { KubeObject } from '@kubenest/apimachinery';
import type { Strategy, UpdateSubresourceStrategy } from './strategy';

/** Dotted field paths ("status", "spec.finalizers") taken back from the stored object, or all but these. */
export type ResetFields = { fields: string[] } | { allBut: string[] };

/** '' is the main resource; otherwise 'status', 'finalize' or an update subresource's name ('approval'). */
export type UpdateEndpoint = string;

const mainResets = (strategy: Strategy): ResetFields | undefined =>
  strategy.resetFields ?? (strategy.status ? { fields: ['status'] } : undefined);

/** How each endpoint that writes part of the object prepares the write: its reset fields, then its own hook. */
export const updateEndpoints = <T extends KubeObject>(
  strategy: Strategy<T>,
): ReadonlyMap<UpdateEndpoint, UpdateSubresourceStrategy<T>> => {
  const endpoints = new Map<UpdateEndpoint, UpdateSubresourceStrategy<T>>();
  endpoints.set('', { resetFields: mainResets(strategy as Strategy), prepareForUpdate: strategy.prepareForUpdate });
  if (strategy.status) endpoints.set('status', { resetFields: { allBut: ['status'] }, ...strategy.status });
  if (strategy.finalize) endpoints.set('finalize', strategy.finalize);
  for (const [name, writes] of Object.entries(strategy.updateSubresources ?? {})) endpoints.set(name, writes);
  return endpoints;
};

/** Every endpoint's reset fields, as server-side apply needs them (kube's GetResetFields). */
export const resetFieldsOf = (strategy: Strategy): ReadonlyMap<UpdateEndpoint, ResetFields> =>
  new Map(
    [...updateEndpoints(strategy)].flatMap(([endpoint, writes]) =>
      writes.resetFields ? [[endpoint, writes.resetFields] as const] : [],
    ),
  );

type Fields = Record<string, unknown>;

/** Sets a dotted path to value (removing it when undefined), creating the objects on the way. */
const setPath = (target: Fields, path: string[], value: unknown): void => {
  let at = target;
  for (const segment of path.slice(0, -1)) {
    if (typeof at[segment] !== 'object' || at[segment] === null) at[segment] = {};
    at = at[segment] as Fields;
  }
  const leaf = path[path.length - 1];
  if (value === undefined) delete at[leaf];
  else at[leaf] = value;
};

const getPath = (source: Fields, path: string[]): unknown =>
  path.reduce<unknown>((at, segment) => (at as Fields | undefined)?.[segment], source);

/** Takes the reset fields back from old (copies of them). Mutates obj. */
export const applyResetFields = (obj: KubeObject, old: KubeObject, reset: ResetFields): void => {
  const target = obj as unknown as Fields;
  const stored = old as unknown as Fields;
  if ('fields' in reset) {
    for (const field of reset.fields) {
      const path = field.split('.');
      setPath(target, path, structuredClone(getPath(stored, path)));
    }
    return;
  }
  const kept = reset.allBut.map((field) => ({ path: field.split('.'), value: getPath(target, field.split('.')) }));
  for (const field of Object.keys(target)) delete target[field];
  Object.assign(target, structuredClone(stored));
  for (const { path, value } of kept) setPath(target, path, value);
};

/** Prepares a write through one endpoint: its reset fields from old, then its own hook. Mutates obj. */
export const prepareWrite = <T extends KubeObject>(writes: UpdateSubresourceStrategy<T>, obj: T, old: T): void => {
  if (writes.resetFields) applyResetFields(obj, old, writes.resetFields);
  writes.prepareForUpdate?.(obj, old);
};

/** The main resource's or a subresource's preparation of an update, as the generic store runs it. */
export const prepareObjectUpdate = <T extends KubeObject>(
  strategy: Strategy<T>,
  obj: T,
  old: T,
  endpoint: UpdateEndpoint = '',
): void => {
  const writes = updateEndpoints(strategy).get(endpoint);
  if (!writes) throw new Error(`${strategy.kind.plural} has no update endpoint ${endpoint}`);
  prepareWrite(writes, obj, old);
};
