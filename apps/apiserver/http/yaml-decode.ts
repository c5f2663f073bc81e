// Turns a YAML request body into JSON text, refusing it past the limits it is given. Runs on a worker
// thread (yaml-decode.worker.ts): the `yaml` parser takes about a second of CPU per MB of structured
// YAML (a 3 MiB ConfigMap of 60,000 keys 1.4 s, 1.2 MB of pod-like lists 1.3 s), far too long for the
// event loop, which then only parses the JSON answer (milliseconds). Each step here is linear in the
// text, or bounded by the limits.
import { Document, LineCounter, isAlias, isCollection, isScalar, parseDocument, visit } from 'yaml';
import { yamlShape } from './yaml-shape';

export interface YamlLimits {
  /** Nesting of collections, in the text and in the decoded value. */
  depth: number;
  /** Objects and arrays of the decoded value, aliases expanded. */
  collections: number;
  /** Anchors and aliases together: the parser resolves each alias by searching all of them. */
  references: number;
  /** The JSON the decoded value serializes to, aliases expanded. */
  jsonBytes: number;
}

export interface YamlJob {
  text: string;
  limits: YamlLimits;
}

/** Which limit a body passed, or the parser's complaint; plain data, as it crosses threads. */
export type YamlRefusal = { limit: keyof YamlLimits } | { invalid: string };

export type YamlDecoded = { json: string } | { refused: YamlRefusal };

// As yaml's own default: an anchor's expansions times the aliases inside it stay within 100.
const maxAliasCount = 100;

const positionOf = (lines: LineCounter, offset: number): string => {
  const { line, col } = lines.linePos(offset);
  return `at line ${line}, column ${col}`;
};

/**
 * What the parser would stumble on in the keys of maps: a repeated key, refused as the parser
 * refuses it, but found through a set (the parser compares every key with every other: 60,000 keys
 * took minutes); and a key that is a sequence or a map, refused as sigs.k8s.io/yaml (kube-apiserver's
 * YAML to JSON) refuses it, and which the parser would turn into text, once for every level it is
 * nested in (180 nested `? ` or `[{` took seconds).
 */
const badKey = (doc: Document, lines: LineCounter): string | undefined => {
  let found: string | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const at = positionOf(lines, (key as { range?: [number] } | null)?.range?.[0] ?? 0);
        if (isCollection(key) || (isAlias(key) && isCollection(key.resolve(doc)))) {
          found = `map keys must be strings, numbers or booleans, not a collection, ${at}`;
        } else if (isScalar(key) && seen.has(key.value)) {
          found = `Map keys must be unique ${at}`;
        } else if (isScalar(key)) {
          seen.add(key.value);
        }
        if (found) return visit.BREAK;
      }
    },
  });
  return found;
};

interface Measure {
  height: number;
  collections: number;
  bytes: number;
}

class OverLimit {
  constructor(readonly limit: keyof YamlLimits) {}
}

/**
 * The height, objects and arrays, and JSON size of a decoded value with aliases expanded, each shared
 * node measured once: an alias makes the value a graph, which a plain walk would expand.
 */
const measure = (value: unknown, depth: number, limits: YamlLimits, known: Map<object, Measure>): Measure => {
  if (value === null || typeof value !== 'object') return { height: 0, collections: 0, bytes: jsonLength(value) };
  if (depth > limits.depth) throw new OverLimit('depth');
  const cached = known.get(value);
  if (cached) {
    if (depth + cached.height - 1 > limits.depth) throw new OverLimit('depth');
    return cached;
  }
  const total: Measure = { height: 1, collections: 1, bytes: 2 };
  const add = (child: unknown, separators: number): void => {
    const sub = measure(child, depth + 1, limits, known);
    total.height = Math.max(total.height, sub.height + 1);
    total.collections += sub.collections;
    total.bytes += sub.bytes + separators;
    if (total.collections > limits.collections) throw new OverLimit('collections');
    if (total.bytes > limits.jsonBytes) throw new OverLimit('jsonBytes');
  };
  if (Array.isArray(value)) for (const child of value) add(child, 1);
  else for (const [key, child] of Object.entries(value)) add(child, jsonLength(key) + 2);
  known.set(value, total);
  return total;
};

const jsonLength = (value: unknown): number => JSON.stringify(value)?.length ?? 4;

// JSON is YAML, with the same meaning, and JSON.parse reads it a hundred times faster than the YAML
// parser reads flow collections (92 KB of JSON took it 440 ms). A repeated key then keeps its last
// value, as in a JSON body.
const asJson = (text: string): unknown => {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const parseYaml = (text: string, limits: YamlLimits): unknown => {
  const shape = yamlShape(text, { depth: limits.depth, references: limits.references });
  if (shape.depth > limits.depth) throw new OverLimit('depth');
  if (shape.references > limits.references) throw new OverLimit('references');
  const lines = new LineCounter();
  // logLevel error: the parser's warnings are about the body, not about the server.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines, logLevel: 'error' });
  if (doc.errors.length > 0) throw new Invalid(doc.errors[0].message);
  const bad = badKey(doc, lines);
  if (bad) throw new Invalid(bad);
  return doc.toJS({ maxAliasCount });
};

class Invalid {
  constructor(readonly message: string) {}
}

export const decodeYaml = ({ text, limits }: YamlJob): YamlDecoded => {
  let value: unknown;
  try {
    value = asJson(text) ?? parseYaml(text, limits);
    measure(value, 1, limits, new Map());
  } catch (e) {
    if (e instanceof OverLimit) return { refused: { limit: e.limit } };
    return { refused: { invalid: (e as Error | Invalid).message } };
  }
  return { json: JSON.stringify(value) ?? 'null' };
};
