// Strategic merge patch (application/strategic-merge-patch+json) as k8s.io/apimachinery/pkg/util/strategicpatch
// applies it: maps merge, listed lists merge by key or as sets, other lists are replaced, null deletes,
// and the directives kubectl sends ($patch, $retainKeys, $setElementOrder/, $deleteFromPrimitiveList/) apply.
import { StatusError } from '../status-error';
import { goFormat, goTypeName } from './go-format';
import { patchUnprocessable } from './patch-error';
import { FieldPatchMeta, TypePatchMeta, patchMetaForKind, patchTypes } from './patch-meta';

type JsonObject = Record<string, unknown>;

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
const setElementOrderPrefix = '$setElementOrder';

// The errors interpretStrategicMergePatchError maps to 400.
const badRequest = {
  primitiveList: 'invalid patch format of primitive list',
  retainKeys: 'invalid patch format of retainKeys',
  setElementOrder: 'invalid patch format of setElementOrder list',
};

// kube-apiserver passes the other errors of strategicpatch through as 500s. They say that the client's
// patch does not fit the object, so this server answers them as it answers a JSON patch that does not
// apply, 422 (keeping the message): no client input gets a 5xx.
const unprocessable = (message: string): StatusError => new StatusError(422, 'Invalid', message);

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

// Own keys only, and set with defineProperty: a key named "__proto__" or "constructor" is data.
const has = (object: JsonObject, key: string): boolean => Object.hasOwn(object, key);

const setMember = (object: JsonObject, key: string, value: unknown): void => {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
};

const kindOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'int'
          : 'float'
        : typeof v;

const badArgType = (expected: string, actual: unknown): StatusError =>
  unprocessable(`expected a ${expected}, but received a ${goTypeName(actual)}`);

const noMergeKey = (m: JsonObject, key: string): StatusError =>
  unprocessable(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);

const badPatchType = (t: unknown, m: JsonObject): StatusError =>
  unprocessable(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

class Schema {
  constructor(
    readonly name: string,
    private readonly fields: TypePatchMeta = {},
  ) {}

  lookup(field: string): { meta: FieldPatchMeta; schema: Schema } {
    const meta = Object.hasOwn(this.fields, field) ? this.fields[field] : {};
    return { meta, schema: new Schema(meta.type ?? field, meta.type ? patchTypes[meta.type] : undefined) };
  }
}

// retainKeys only says that kubectl may send $retainKeys; the directive works without it.
const listStrategy = (meta: FieldPatchMeta): string =>
  (meta.strategy ?? '').split(',').filter((s) => s !== 'retainKeys')[0] ?? '';

const extractKey = (key: string, prefix: string): string => {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw StatusError.badRequest(
      prefix === setElementOrderPrefix ? badRequest.setElementOrder : badRequest.primitiveList,
    );
  }
  return key.slice(slash + 1);
};

const mergeKeyValue = (item: unknown, mergeKey: string): unknown =>
  isObject(item) && has(item, mergeKey) ? item[mergeKey] : undefined;

/**
 * Where each item of a list first appears, by its merge key value (or itself, for primitives). Lists
 * are looked up through these, never searched, so that merging two long lists is not quadratic.
 */
class Positions {
  private readonly first = new Map<unknown, number>();

  constructor(
    list: readonly unknown[] | undefined,
    private readonly mergeKey: string,
    private readonly maps: boolean,
  ) {
    (list ?? []).forEach((item, i) => this.add(item, i));
  }

  add(item: unknown, at: number): void {
    const key = this.keyOf(item);
    if (!this.first.has(key)) this.first.set(key, at);
  }

  indexOf(item: unknown): number {
    return this.first.get(this.keyOf(item)) ?? -1;
  }

  private keyOf(item: unknown): unknown {
    return this.maps ? mergeKeyValue(item, this.mergeKey) : item;
  }
}

/** Every item of a list merged by key must be a map, as upstream's lookups by key require. */
const requireMaps = (list: readonly unknown[]): void => {
  const at = list.findIndex((item) => !isObject(item));
  if (at >= 0) throw unprocessable(`value for key ${at} is not a map`);
};

/** The kind of the lists' elements; lists of lists and mixed lists are refused, as upstream. */
const sliceElementKind = (...lists: Array<readonly unknown[] | undefined>): string | undefined => {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list ?? []) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'array') throw patchUnprocessable();
        kind = k;
      } else if (k !== kind) {
        throw unprocessable(`list element types are not identical: ${goFormat(lists.map((l) => l ?? null))}`);
      }
    }
  }
  return kind;
};

const removeDirectives = (value: unknown): { value: unknown; keep: boolean } => {
  if (Array.isArray(value)) {
    return {
      value: value
        .map(removeDirectives)
        .filter((r) => r.keep)
        .map((r) => r.value),
      keep: true,
    };
  }
  if (isObject(value)) {
    if (has(value, directiveMarker)) return { value: undefined, keep: false };
    for (const [k, v] of Object.entries(value)) {
      const r = removeDirectives(v);
      if (r.keep) setMember(value, k, r.value);
      else delete value[k];
    }
  }
  return { value, keep: true };
};

const discardNulls = (value: unknown): void => {
  if (Array.isArray(value)) value.forEach(discardNulls);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === null) delete value[k];
      else discardNulls(v);
    }
  }
};

const setFromPatch = (original: JsonObject, key: string, patchValue: unknown): void => {
  discardNulls(patchValue);
  const r = removeDirectives(patchValue);
  if (r.keep) setMember(original, key, r.value);
  else delete original[key];
};

// Items listed in `order` come out in its order; `$patch: delete` items go last.
const normalizeSliceOrder = (
  items: unknown[],
  order: readonly unknown[] | undefined,
  mergeKey: string,
  maps: boolean,
): unknown[] => {
  let toSort = items;
  const toDelete: unknown[] = [];
  if (maps) {
    for (const list of [items, order ?? []]) {
      for (const item of list) {
        if (!isObject(item)) throw badArgType('map[string]interface {}', item);
        if (!has(item, mergeKey)) throw noMergeKey(item, mergeKey);
      }
    }
    toSort = items.filter((item) => {
      const remove = (item as JsonObject)[directiveMarker] === 'delete';
      if (remove) toDelete.push(item);
      return !remove;
    });
  }
  const ranks = new Positions(order, mergeKey, maps);
  const ranked = toSort.map((item, i) => ({ item, i, rank: ranks.indexOf(item) }));
  ranked.sort((a, b) => (a.rank >= 0 && b.rank >= 0 ? a.rank - b.rank : 0) || a.i - b.i);
  return [...ranked.map((r) => r.item), ...toDelete];
};

// Interleaves server-only items (in server order) with patch items; an item the server did not have
// goes out as soon as it is reached, as upstream's mergeSortedSlice does.
const mergeSorted = (
  left: unknown[],
  right: unknown[],
  serverOrder: readonly unknown[] | undefined,
  mergeKey: string,
  maps: boolean,
): unknown[] => {
  const out: unknown[] = [];
  const server = new Positions(serverOrder, mergeKey, maps);
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = server.indexOf(left[i]);
      const ri = server.indexOf(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
};

const normalizeElementOrder = (
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: readonly unknown[] | undefined,
  serverOrder: readonly unknown[] | undefined,
  mergeKey: string,
  maps: boolean,
): unknown[] =>
  mergeSorted(
    normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps),
    normalizeSliceOrder(patchItems, patchOrder, mergeKey, maps),
    serverOrder,
    mergeKey,
    maps,
  );

const partition = (merged: unknown[], by: readonly unknown[] | undefined, mergeKey: string): [unknown[], unknown[]] => {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (mergeKey && merged.length > 0) requireMaps(by ?? []);
  const listed = new Positions(by, mergeKey, !!mergeKey);
  for (const v of merged) {
    if (mergeKey) {
      if (!isObject(v)) throw badArgType('map[string]interface {}', v);
      if (!has(v, mergeKey)) throw noMergeKey(v, mergeKey);
    }
    (listed.indexOf(v) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
};

const mergeSlice = (
  original: unknown[],
  patch: unknown[],
  schema: Schema,
  mergeKey: string,
  isDeleteList: boolean,
): unknown[] => {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const maps = kind === 'object';
  let merged: unknown[];
  if (!maps) {
    if (isDeleteList) {
      const deleted = new Set(patch);
      return original.filter((v) => !deleted.has(v));
    }
    merged = [...new Set([...original, ...patch])];
  } else {
    if (!mergeKey) throw unprocessable(`cannot merge lists without merge key for ${schema.name}`);
    [original, patch] = applySpecialElements(original, patch, mergeKey);
    merged = [...original];
    const positions = new Positions(merged, mergeKey, true);
    for (const item of patch as JsonObject[]) {
      if (!has(item, mergeKey)) throw noMergeKey(item, mergeKey);
      const at = positions.indexOf(item);
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item, schema);
      else positions.add(item, merged.push(item) - 1);
    }
  }
  const [patchItems, serverOnly] = partition(merged, patch, maps ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, maps);
};

// `$patch: delete` items remove their match; a `$patch: replace` item makes the rest of the patch the list.
const applySpecialElements = (original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] => {
  const plain: unknown[] = [];
  const deleted = new Set<unknown>();
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!has(item, directiveMarker)) {
      plain.push(item);
      continue;
    }
    const directive = item[directiveMarker];
    if (directive === 'delete') {
      if (!has(item, mergeKey)) throw noMergeKey(item, mergeKey);
      deleted.add(item[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw unprocessable('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, item);
    }
  }
  if (replace) return [plain, []];
  return [
    deleted.size > 0 ? original.filter((o) => !(isObject(o) && deleted.has(mergeKeyValue(o, mergeKey)))) : original,
    plain,
  ];
};

const mergeSliceField = (
  original: unknown,
  patch: unknown,
  meta: FieldPatchMeta,
  schema: Schema,
  isDeleteList: boolean,
): unknown[] => {
  if (!Array.isArray(original)) throw badArgType('[]interface {}', original);
  if (!Array.isArray(patch)) throw badArgType('[]interface {}', patch);
  if (listStrategy(meta) === 'merge' || isDeleteList)
    return mergeSlice(original, patch, schema, meta.key ?? '', isDeleteList);
  return patch;
};

const applyRetainKeys = (original: JsonObject, patch: JsonObject): void => {
  if (!has(patch, retainKeysDirective)) return;
  const list = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(list)) throw StatusError.badRequest(badRequest.retainKeys);
  const retain = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix)) continue;
    if (!retain.has(k)) throw StatusError.badRequest(badRequest.retainKeys);
  }
  for (const k of Object.keys(original)) if (!retain.has(k)) delete original[k];
};

// Upstream's validatePatchWithSetOrderList: the patch's items must appear in the order list, in order.
const checkOrderList = (patchList: unknown[] | undefined, order: unknown[], mergeKey: string): void => {
  if (!patchList || order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((i) => !(isObject(i) && i[directiveMarker] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isObject(items[p]) && has(items[p] as JsonObject, directiveMarker)) {
      p++;
      continue;
    }
    let equal: boolean;
    if (mergeKey) {
      const [a, b] = [items[p], order[o]];
      if (!isObject(a)) throw badArgType('map[string]interface {}', a);
      if (!isObject(b)) throw badArgType('map[string]interface {}', b);
      if (!has(a, mergeKey)) throw noMergeKey(a, mergeKey);
      if (!has(b, mergeKey)) throw noMergeKey(b, mergeKey);
      equal = a[mergeKey] === b[mergeKey];
    } else {
      equal = items[p] === order[o];
    }
    if (equal) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw unprocessable(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(order)}\n`,
    );
  }
};

const applySetElementOrder = (original: JsonObject, patch: JsonObject, schema: Schema): void => {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const field = extractKey(key, setElementOrderPrefix);
    const originalList = has(original, field) ? original[field] : undefined;
    const patchList = has(patch, field) ? patch[field] : undefined;
    if (originalList !== undefined && !Array.isArray(originalList)) throw badArgType('[]interface {}', originalList);
    if (patchList !== undefined && !Array.isArray(patchList)) throw badArgType('[]interface {}', patchList);
    const { meta, schema: sub } = schema.lookup(field);
    const mergeKey = meta.key ?? '';
    checkOrderList(patchList, order, mergeKey);
    let merged: unknown[];
    if (originalList === undefined && patchList === undefined) continue;
    if (patchList === undefined) merged = originalList as unknown[];
    else if (originalList === undefined) merged = removeDirectives(patchList).value as unknown[];
    else merged = mergeSliceField(originalList, patchList, meta, sub, false);
    const kind = sliceElementKind(originalList as unknown[] | undefined, patchList as unknown[] | undefined);
    // Upstream fails on a directive for lists empty on both sides; there is nothing to order.
    if (kind === undefined) {
      setMember(original, field, merged);
    } else {
      const [patchItems, serverOnly] = partition(merged, order, mergeKey);
      setMember(
        original,
        field,
        normalizeElementOrder(
          patchItems,
          serverOnly,
          order,
          originalList as unknown[] | undefined,
          mergeKey,
          kind === 'object',
        ),
      );
    }
    delete patch[field];
  }
};

const mergeMap = (original: JsonObject | undefined, patch: JsonObject, schema: Schema): JsonObject => {
  if (has(patch, directiveMarker)) {
    const directive = patch[directiveMarker];
    if (directive === 'replace') {
      delete patch[directiveMarker];
      return patch;
    }
    if (directive === 'delete') return {};
    throw badPatchType(directive, patch);
  }
  const out = original ?? {};
  applyRetainKeys(out, patch);
  applySetElementOrder(out, patch, schema);
  for (const [patchKey, patchValue] of Object.entries(patch)) {
    let key = patchKey;
    const isDeleteList = patchKey.startsWith(deleteFromPrimitiveListPrefix);
    if (isDeleteList) key = extractKey(patchKey, deleteFromPrimitiveListPrefix);
    if (patchValue === null) {
      delete out[key];
      continue;
    }
    if (!has(out, key) || kindOf(out[key]) !== kindOf(patchValue)) {
      if (!isDeleteList) setFromPatch(out, key, patchValue);
      continue;
    }
    const { meta, schema: sub } = schema.lookup(key);
    if (isObject(patchValue)) {
      const replaced = listStrategy(meta) === 'replace';
      setMember(out, key, replaced ? patchValue : mergeMap(out[key] as JsonObject, patchValue, sub));
    } else if (Array.isArray(patchValue)) {
      setMember(out, key, mergeSliceField(out[key], patchValue, meta, sub, isDeleteList));
    } else {
      setMember(out, key, patchValue);
    }
  }
  return out;
};

/**
 * Applies a strategic merge patch to `original` without mutating either argument. Kinds without
 * patch metadata merge maps and replace lists, which is merge patch with the directives honoured.
 */
export const applyStrategicMergePatch = (
  original: unknown,
  patch: unknown,
  kind: { group: string; version: string; kind: string },
): JsonObject => {
  if (patch === null || patch === undefined) return isObject(original) ? structuredClone(original) : {};
  if (!isObject(patch))
    throw StatusError.badRequest(
      `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`,
    );
  const meta = patchMetaForKind(kind);
  const schema = new Schema(kind.kind, meta);
  return mergeMap(isObject(original) ? structuredClone(original) : {}, structuredClone(patch), schema);
};

const goJsonKind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
