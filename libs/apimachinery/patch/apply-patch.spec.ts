// PATCH dispatch by Content-Type, JSON patch and merge patch, with kube-apiserver's error answers.
import { applyPatch, customResourcePatchTypes, parsePatchBody } from './apply-patch';
import { statusErrorOf } from '../testing/status-error-of';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
const original = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
};

describe('applyPatch', () => {
  it.each([
    {
      name: 'kubectl patch --type=json replace',
      type: 'application/json-patch+json',
      patch: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.26' }],
      check: (o: typeof original) => expect(o.spec.template.spec.containers[0].image).toBe('nginx:1.26'),
    },
    {
      name: 'json patch test that holds, then add',
      type: 'application/json-patch+json',
      patch: [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      ],
      check: (o: typeof original) => expect(o.metadata.labels).toEqual({ app: 'web', tier: 'fe' }),
    },
    {
      name: 'kubectl label (merge patch)',
      type: 'application/merge-patch+json',
      patch: { metadata: { labels: { tier: 'fe', app: null } } },
      check: (o: typeof original) => expect(o.metadata.labels).toEqual({ tier: 'fe' }),
    },
    {
      name: 'kubectl scale (merge patch) with a charset parameter',
      type: 'application/merge-patch+json; charset=utf-8',
      patch: { spec: { replicas: 3 } },
      check: (o: typeof original) => expect(o.spec).toEqual({ ...original.spec, replicas: 3 }),
    },
    {
      name: 'merge patch replaces lists',
      type: 'application/merge-patch+json',
      patch: { spec: { template: { spec: { containers: [{ name: 'side' }] } } } },
      check: (o: typeof original) => expect(o.spec.template.spec.containers).toEqual([{ name: 'side' }]),
    },
    {
      name: 'kubectl patch --type=strategic',
      type: 'application/strategic-merge-patch+json',
      patch: { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox' }] } } } },
      check: (o: typeof original) =>
        expect(o.spec.template.spec.containers.map((c) => c.name)).toEqual(['side', 'web']),
    },
  ])('$name', ({ type, patch, check }) => {
    const before = JSON.stringify(original);
    check(applyPatch(type, original, patch, deployment) as typeof original);
    expect(JSON.stringify(original)).toBe(before);
  });

  it.each([
    {
      name: 'a failed json patch test',
      type: 'application/json-patch+json',
      patch: [{ op: 'test', path: '/spec/replicas', value: 2 }],
      code: 422,
      reason: 'Invalid',
      msg: 'the server rejected our request due to an error in our request',
    },
    {
      name: 'a json patch on a missing path',
      type: 'application/json-patch+json',
      patch: [{ op: 'replace', path: '/spec/nope/x', value: 1 }],
      code: 422,
      reason: 'Invalid',
      msg: 'the server rejected our request due to an error in our request',
    },
    {
      name: 'an unknown json patch op',
      type: 'application/json-patch+json',
      patch: [{ op: 'frob', path: '/a' }],
      code: 422,
      reason: 'Invalid',
      msg: 'the server rejected our request due to an error in our request',
    },
    {
      name: 'a json patch that is not a list',
      type: 'application/json-patch+json',
      patch: { op: 'add' },
      code: 400,
      reason: 'BadRequest',
      msg: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    },
    {
      name: 'a scalar merge patch',
      type: 'application/merge-patch+json',
      patch: 'x',
      code: 400,
      reason: 'BadRequest',
      msg: 'Invalid JSON Patch',
    },
    {
      name: 'a null merge patch',
      type: 'application/merge-patch+json',
      patch: null,
      code: 400,
      reason: 'BadRequest',
      msg: 'Invalid JSON Patch',
    },
    {
      name: 'server-side apply (not served yet)',
      type: 'application/apply-patch+yaml',
      patch: {},
      code: 415,
      reason: 'UnsupportedMediaType',
      msg: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    },
    {
      name: 'another media type',
      type: 'application/json',
      patch: {},
      code: 415,
      reason: 'UnsupportedMediaType',
      msg: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    },
  ])('refuses $name', ({ type, patch, code, reason, msg }) => {
    const err = statusErrorOf(() => applyPatch(type, original, patch, deployment));
    expect([err.code, err.reason, err.message]).toEqual([code, reason, msg]);
  });

  it('refuses strategic merge patch where only custom resource types are accepted', () => {
    const err = statusErrorOf(() =>
      applyPatch(
        'application/strategic-merge-patch+json',
        {},
        {},
        { group: 'example.com', version: 'v1', kind: 'Widget' },
        { accepted: customResourcePatchTypes },
      ),
    );
    expect(err.code).toBe(415);
    expect(err.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json',
    );
  });

  it('answers 413 past the JSON patch operation limit', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    expect(statusErrorOf(() => applyPatch('application/json-patch+json', original, ops, deployment)).code).toBe(413);
  });
});

describe('parsePatchBody', () => {
  it('parses JSON', () => expect(parsePatchBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 }));
  it('answers 400 for anything else', () => {
    const err = statusErrorOf(() => parsePatchBody('{a'));
    expect([err.code, err.message]).toEqual([400, 'invalid JSON patch']);
  });
});

describe('patched object size', () => {
  const chunk = 'x'.repeat(2 * 1024 * 1024);
  const big = { ...original, data: { a: chunk, b: chunk, c: chunk } };

  it.each([
    { type: 'application/merge-patch+json', patch: { data: { d: chunk } } },
    { type: 'application/strategic-merge-patch+json', patch: { data: { d: chunk } } },
    { type: 'application/json-patch+json', patch: [{ op: 'add', path: '/data/d', value: chunk }] },
  ])('$type: 413 past the limit', ({ type, patch }) => {
    const err = statusErrorOf(() => applyPatch(type, big, patch, deployment));
    expect([err.code, err.reason]).toEqual([413, 'RequestEntityTooLarge']);
  });
});
