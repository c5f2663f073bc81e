// One fuzz case: a verb, a resource, a body of some type, built from the seeded source.
import { Json } from './mutate';
import { patchBody } from './patch-bodies';
import { CapturedBody, capturedBodies, protobufBody, protobufType } from './protobuf-bodies';
import { acceptHeader, deleteBody, listQuery, writeQuery } from './queries';
import { Random } from './random';
import { FuzzTarget, fuzzName, targets, validObject } from './targets';
import { textBody } from './text-bodies';

export interface FuzzRequest {
  /** What the case is, for the report: verb and body type (`PATCH merge-patch`), then the kind. */
  kind: string;
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** A watch: only its first line is read. */
  watch: boolean;
}

const bodyTypes: Record<string, string> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  [protobufType]: 'protobuf',
  'application/json-patch+json': 'json-patch',
  'application/merge-patch+json': 'merge-patch',
  'application/strategic-merge-patch+json': 'strategic-merge-patch',
};

/** `POST yaml`, `PATCH merge-patch`, `PUT other type` (a body under a type it is not). */
const labelOf = (method: string, contentType?: string): string =>
  contentType === undefined ? method : `${method} ${bodyTypes[contentType] ?? 'other type'}`;

const withQuery = (path: string, query: string): string => (query ? `${path}?${query}` : path);

export class FuzzCases {
  private readonly captured: CapturedBody[] = capturedBodies();

  constructor(private readonly r: Random) {}

  next(): FuzzRequest {
    const r = this.r;
    const target = r.pick(targets);
    const name = fuzzName(r);
    const item = `${target.collection}/${name}`;
    const valid = validObject(target, name.startsWith('fuzz-') ? name : 'fuzz-a');
    const verb = r.weighted([
      [10, 'GET'],
      [10, 'LIST'],
      [3, 'WATCH'],
      [20, 'POST'],
      [15, 'PUT'],
      [30, 'PATCH'],
      [10, 'DELETE'],
      [2, 'OTHER'],
    ] as const);
    const accept = acceptHeader(r);
    const read = (path: string, watch = false): FuzzRequest => ({
      label: verb,
      kind: target.kind,
      method: 'GET',
      path,
      headers: { Accept: accept },
      watch,
    });
    switch (verb) {
      case 'GET':
        return read(withQuery(r.chance(0.8) ? item : `${item}/${r.pick(['status', 'scale', 'log', 'nope'])}`, ''));
      case 'LIST':
        return read(
          withQuery(
            r.chance(0.9) ? target.collection : target.collection.replace(/namespaces\/fuzz\//, ''),
            listQuery(r),
          ),
        );
      case 'WATCH':
        return read(
          withQuery(target.collection, ['watch=true', 'timeoutSeconds=1', listQuery(r)].filter(Boolean).join('&')),
          true,
        );
      case 'POST':
        return this.write('POST', withQuery(target.collection, writeQuery(r)), target, valid, name);
      case 'PUT':
        return this.write(
          'PUT',
          withQuery(r.chance(0.85) ? item : `${item}/${r.pick(['status', 'scale'])}`, writeQuery(r)),
          target,
          valid,
          name,
        );
      case 'PATCH': {
        const { contentType, body } = patchBody(r, target, valid);
        const path = withQuery(r.chance(0.85) ? item : `${item}/${r.pick(['status', 'scale'])}`, writeQuery(r));
        return {
          label: labelOf('PATCH', contentType),
          kind: target.kind,
          method: 'PATCH',
          path,
          headers: { 'Content-Type': contentType, Accept: accept },
          body,
          watch: false,
        };
      }
      case 'DELETE': {
        const { contentType, body } = deleteBody(r);
        const path = r.chance(0.9) ? item : withQuery(target.collection, listQuery(r));
        return {
          label: 'DELETE',
          kind: target.kind,
          method: 'DELETE',
          path,
          headers: { 'Content-Type': contentType },
          body,
          watch: false,
        };
      }
      case 'OTHER':
        return {
          label: 'other methods',
          kind: target.kind,
          method: r.pick(['OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'CONNECT']),
          path: item,
          headers: {},
          watch: false,
        };
    }
  }

  private write(method: string, path: string, target: FuzzTarget, valid: Json, name: string): FuzzRequest {
    const r = this.r;
    if (r.chance(0.2)) {
      const captured = r.pick(this.captured);
      const [to, body] =
        method === 'POST' && r.chance(0.5) ? [captured.path, captured.body] : [path, protobufBody(r, captured, name)];
      return {
        label: labelOf(method, protobufType),
        kind: target.kind,
        method,
        path: to,
        headers: { 'Content-Type': protobufType },
        body,
        watch: false,
      };
    }
    const { contentType, body } = textBody(r, valid);
    return {
      label: labelOf(method, contentType),
      kind: target.kind,
      method,
      path,
      headers: { 'Content-Type': contentType },
      body,
      watch: false,
    };
  }
}
