import { KubeObject, StatusError } from '@kubenest/apimachinery';
import type { Namespace } from '@kubenest/api/core/types';
import { deleteContent, NamespacedContent } from './delete-content.step';

const ns: Namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', deletionTimestamp: 'now' as never },
};

const obj = (name: string, meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Thing',
  metadata: { name, namespace: 'x', ...meta },
});

/** A fake resource whose delete answers per object name: gone, marked, or an error. */
const fake = (resource: string, objects: KubeObject[], answers: Partial<Record<string, boolean | Error>> = {}) => {
  const deleted: string[] = [];
  const content: NamespacedContent = {
    resource,
    list: async (namespace) => (namespace === 'x' ? objects : []),
    delete: async (_namespace, name) => {
      deleted.push(name);
      const answer = answers[name] ?? true;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { content, deleted };
};

describe('deleteContent', () => {
  it.each([
    { name: 'an empty namespace', objects: [], answers: {}, remaining: {}, finalizers: {}, failures: 0, deletes: [] },
    {
      name: 'objects deleted at once',
      objects: [obj('a'), obj('b')],
      answers: {},
      remaining: {},
      finalizers: {},
      failures: 0,
      deletes: ['a', 'b'],
    },
    {
      name: 'an object already gone (NotFound)',
      objects: [obj('a')],
      answers: { a: StatusError.notFound({ group: '', resource: 'things' }, 'a') },
      remaining: {},
      finalizers: {},
      failures: 0,
      deletes: ['a'],
    },
    {
      name: 'a pod waiting out its grace period',
      objects: [obj('a')],
      answers: { a: false },
      remaining: { things: 1 },
      finalizers: {},
      failures: 0,
      deletes: ['a'],
    },
    {
      name: 'objects already being deleted, held by finalizers',
      objects: [
        obj('a', { deletionTimestamp: 'then' as never, finalizers: ['example.com/f'] }),
        obj('b', { deletionTimestamp: 'then' as never, finalizers: ['example.com/f', 'example.com/g'] }),
      ],
      answers: {},
      remaining: { things: 2 },
      finalizers: { 'example.com/f': 2, 'example.com/g': 1 },
      failures: 0,
      deletes: [],
    },
    {
      name: 'a deletion refused',
      objects: [obj('a'), obj('b')],
      answers: { a: StatusError.forbidden({ group: '', resource: 'things' }, 'a', 'no') },
      remaining: { things: 1 },
      finalizers: {},
      failures: 1,
      deletes: ['a', 'b'],
    },
  ])('$name', async ({ objects, answers, remaining, finalizers, failures, deletes }) => {
    const things = fake('things', objects, answers);
    const report = await deleteContent({ resources: [things.content] })(ns);
    expect(report.remaining).toEqual(remaining);
    expect(report.finalizers).toEqual(finalizers);
    expect(report.failures).toHaveLength(failures);
    expect(things.deleted).toEqual(deletes);
  });

  it('goes through every resource, counting each', async () => {
    const pods = fake('pods', [obj('p')], { p: false });
    const configmaps = fake('configmaps', [obj('c1'), obj('c2')]);
    const deployments = fake('deployments.apps', [obj('d', { finalizers: ['f.example.com/x'] })], { d: false });
    const report = await deleteContent({ resources: [pods.content, configmaps.content, deployments.content] })(ns);
    expect(report.remaining).toEqual({ pods: 1, 'deployments.apps': 1 });
    expect(report.finalizers).toEqual({ 'f.example.com/x': 1 });
    expect(configmaps.deleted).toEqual(['c1', 'c2']);
  });
});
