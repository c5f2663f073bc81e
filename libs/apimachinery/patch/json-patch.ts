// JSON patch (RFC 6902, application/json-patch+json) applied as kube-apiserver applies it with
// evanphx/json-patch, within the limits of patch-limits.ts: every operation costs time in proportion
// to the path and values it names, never to the whole object.
import { StatusError } from '../status-error';
import { JsonPatchBudget, elementBytes, jsonBytes, memberBytes } from './json-patch-budget';
import { arrayIndex, pointerTokens } from './json-pointer';
import { patchUnprocessable } from './patch-error';
import { maxJsonPatchOperations } from './patch-limits';

type JsonObject = Record<string, unknown>;
type Container = JsonObject | unknown[];

interface Operation {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

/** A value and the size of its JSON; undefined bytes for a value already in the document (moved). */
interface Placed {
  value: unknown;
  bytes?: number;
}

const goJsonKind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;

const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';
const isObject = (v: unknown): v is JsonObject => isContainer(v) && !Array.isArray(v);

// Every failure to apply an operation is the one 422 kube-apiserver sends.
const fail = (): never => {
  throw patchUnprocessable();
};

const hasMember = (object: JsonObject, key: string): boolean => Object.hasOwn(object, key);

// defineProperty, so that a member named "__proto__" stays a member.
const setMember = (object: JsonObject, key: string, value: unknown): void => {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
};

/** The container a pointer's last token is in, and that token; the whole document has none. */
const locate = (doc: unknown, pointer: unknown): { parent: Container; token: string } => {
  const tokens = typeof pointer === 'string' ? pointerTokens(pointer) : undefined;
  if (!tokens || tokens.length === 0) return fail();
  let node = doc;
  for (let i = 0; i < tokens.length - 1; i++) node = childOf(node, tokens[i]);
  if (!isContainer(node)) return fail();
  return { parent: node, token: tokens[tokens.length - 1] };
};

const childOf = (node: unknown, token: string): unknown => {
  if (Array.isArray(node)) return node[arrayIndex(token, node.length) ?? fail()];
  if (isObject(node) && hasMember(node, token)) return node[token];
  return fail();
};

/** An own copy of an operation's value (a patch is applied again when an update retries), and its size. */
const valueOf = (op: Operation): Required<Placed> => {
  const json = JSON.stringify(op.value ?? null);
  return { value: JSON.parse(json), bytes: json.length };
};

/** Adds a value at a pointer, as `add` does: inserted into an array, set (or replaced) in an object. */
const put = (doc: unknown, pointer: unknown, placed: Placed, budget: JsonPatchBudget): void => {
  const { parent, token } = locate(doc, pointer);
  const bytes = placed.bytes ?? 0;
  if (Array.isArray(parent)) {
    const at = token === '-' ? parent.length : (arrayIndex(token, parent.length + 1) ?? fail());
    budget.grow(bytes + elementBytes);
    budget.shift(parent.length - at);
    parent.splice(at, 0, placed.value);
    return;
  }
  budget.grow(hasMember(parent, token) ? bytes - jsonBytes(parent[token]) : bytes + memberBytes(token));
  setMember(parent, token, placed.value);
};

/** Removes and returns a value; `moving` leaves the value's own size counted, as it stays in the document. */
const take = (doc: unknown, pointer: unknown, budget: JsonPatchBudget, moving: boolean): unknown => {
  const { parent, token } = locate(doc, pointer);
  if (Array.isArray(parent)) {
    const at = arrayIndex(token, parent.length) ?? fail();
    budget.grow(-((moving ? 0 : jsonBytes(parent[at])) + elementBytes));
    budget.shift(parent.length - at - 1);
    return parent.splice(at, 1)[0];
  }
  if (!hasMember(parent, token)) return fail();
  const value = parent[token];
  budget.grow(-((moving ? 0 : jsonBytes(value)) + memberBytes(token)));
  delete parent[token];
  return value;
};

const existing = (doc: unknown, pointer: unknown): unknown => {
  const { parent, token } = locate(doc, pointer);
  return childOf(parent, token);
};

const replace = (doc: unknown, op: Operation, budget: JsonPatchBudget): void => {
  const { parent, token } = locate(doc, op.path);
  const old = childOf(parent, token);
  const { value, bytes } = valueOf(op);
  budget.grow(bytes - jsonBytes(old));
  if (Array.isArray(parent)) parent[arrayIndex(token, parent.length)!] = value;
  else setMember(parent, token, value);
};

const copy = (doc: unknown, op: Operation, budget: JsonPatchBudget): void => {
  if (typeof op.from !== 'string') fail();
  const json = JSON.stringify(existing(doc, op.from));
  budget.copy(json.length);
  put(doc, op.path, { value: JSON.parse(json), bytes: json.length }, budget);
};

// As evanphx: a member that is absent tests equal to null; the whole document can be tested too.
const test = (doc: unknown, op: Operation): void => {
  let actual: unknown;
  if (op.path === '') actual = doc;
  else {
    const { parent, token } = locate(doc, op.path);
    actual = Array.isArray(parent) || hasMember(parent, token) ? childOf(parent, token) : null;
  }
  if (!sameJson(actual, op.value ?? null)) fail();
};

// Counts an object's keys no further than `limit`.
const keyCountUpTo = (object: JsonObject, limit: number): number => {
  let count = 0;
  for (const _key in object) if (++count > limit) break;
  return count;
};

// Walks no further than the expected value, so that a test costs no more than the patch's own bytes
// (counting every key of a large object would not).
const sameJson = (actual: unknown, expected: unknown): boolean => {
  if (actual === expected) return true;
  if (!isContainer(actual) || !isContainer(expected) || Array.isArray(actual) !== Array.isArray(expected)) return false;
  if (Array.isArray(expected)) {
    const list = actual as unknown[];
    return list.length === expected.length && expected.every((v, i) => sameJson(list[i], v));
  }
  const object = actual as JsonObject;
  const keys = Object.keys(expected);
  if (keyCountUpTo(object, keys.length) !== keys.length) return false;
  return keys.every((k) => hasMember(object, k) && sameJson(object[k], expected[k]));
};

const applyOperation = (doc: unknown, op: Operation, budget: JsonPatchBudget): void => {
  switch (op.op) {
    case 'add':
      return put(doc, op.path, valueOf(op), budget);
    case 'remove':
      return void take(doc, op.path, budget, false);
    case 'replace':
      return replace(doc, op, budget);
    case 'move':
      if (typeof op.from !== 'string') return fail();
      return put(doc, op.path, { value: take(doc, op.from, budget, true) }, budget);
    case 'copy':
      return copy(doc, op, budget);
    case 'test':
      return test(doc, op);
    default:
      return fail();
  }
};

/**
 * Applies the operations to a copy of `original`. A body that is not a list of operations is a 400;
 * an operation that fails (a `test` that does not hold, a missing path) is the 422 kube-apiserver sends;
 * a patch past the limits of patch-limits.ts is refused as soon as it reaches one.
 */
export const applyJsonPatch = (original: unknown, patch: unknown): unknown => {
  if (!Array.isArray(patch))
    throw StatusError.badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`);
  const bad = patch.find((op) => op === null || typeof op !== 'object' || Array.isArray(op));
  if (bad !== undefined)
    throw StatusError.badRequest(`json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`);
  if (patch.length > maxJsonPatchOperations) {
    throw StatusError.tooLarge(
      `The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${patch.length}`,
    );
  }
  const json = JSON.stringify(original ?? {});
  const doc: unknown = JSON.parse(json);
  const budget = new JsonPatchBudget(json.length);
  for (const op of patch as Operation[]) applyOperation(doc, op, budget);
  return doc;
};
