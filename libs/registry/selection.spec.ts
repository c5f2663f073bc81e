// Selections for lists and watches: label and field selectors, and the field labels a
// resource supports.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { parseFieldSelector, parseLabelSelector } from '@kubenest/apimachinery/selectors';
import { toPredicate } from './cache';
import { selectionOf } from './selection';
import { Strategy } from './strategy';

const pods = builtinStrategies.find((s) => s.kind.plural === 'pods')!;
const namespaces = builtinStrategies.find((s) => s.kind.plural === 'namespaces')!;
const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
};

const pod = (namespace: string, name: string, labels: Record<string, string>, nodeName?: string): KubeObject => ({
  metadata: { namespace, name, labels },
  spec: { nodeName },
  status: { phase: nodeName ? 'Running' : 'Pending' },
});

const all = [
  pod('a', 'web-1', { app: 'web', tier: 'front' }, 'n1'),
  pod('a', 'db-1', { app: 'db' }, 'n2'),
  pod('b', 'web-2', { app: 'web' }),
];

const select = (strategy: Strategy, namespace: string | undefined, labels?: string, fields?: string): string[] => {
  const selection = selectionOf(
    strategy,
    namespace,
    labels === undefined ? undefined : parseLabelSelector(labels),
    fields === undefined ? undefined : parseFieldSelector(fields),
  );
  const matches = toPredicate('/registry/core/pods/', selection);
  return all
    .filter((o) => matches(`/registry/core/pods/${o.metadata.namespace}/${o.metadata.name}`, o))
    .map((o) => o.metadata.name!);
};

describe('selectionOf', () => {
  it.each([
    { name: 'nothing', labels: undefined, fields: undefined, want: ['web-1', 'db-1', 'web-2'] },
    { name: 'empty selectors', labels: '', fields: '', want: ['web-1', 'db-1', 'web-2'] },
    { name: 'a label', labels: 'app=web', fields: undefined, want: ['web-1', 'web-2'] },
    { name: 'a set-based label', labels: 'app in (db),!tier', fields: undefined, want: ['db-1'] },
    { name: 'metadata.name', labels: undefined, fields: 'metadata.name=db-1', want: ['db-1'] },
    { name: 'metadata.namespace', labels: undefined, fields: 'metadata.namespace=b', want: ['web-2'] },
    { name: 'spec.nodeName', labels: undefined, fields: 'spec.nodeName=n1', want: ['web-1'] },
    { name: 'an unscheduled pod', labels: undefined, fields: 'spec.nodeName=', want: ['web-2'] },
    { name: 'a negated field', labels: undefined, fields: 'status.phase!=Running', want: ['web-2'] },
    { name: 'labels and fields', labels: 'app=web', fields: 'metadata.namespace=a', want: ['web-1'] },
  ])('selects pods by $name', ({ labels, fields, want }) => {
    expect(select(pods, undefined, labels, fields)).toEqual(want);
  });

  it('narrows to the request namespace', () => {
    expect(select(pods, 'a', 'app=web')).toEqual(['web-1']);
  });

  it('ignores a namespace for a cluster-scoped resource', () => {
    expect(selectionOf(namespaces, 'a', undefined, undefined).namespace).toBeUndefined();
  });

  it.each([
    { strategy: widgets, field: 'spec.nodeName' },
    { strategy: pods, field: 'spec.containers' },
    { strategy: namespaces, field: 'status.podIP' },
  ])('refuses $field on $strategy.kind.plural with 400', ({ strategy, field }) => {
    let error: unknown;
    try {
      selectionOf(strategy, undefined, undefined, parseFieldSelector(`${field}=x`));
    } catch (e) {
      error = e;
    }
    expect(StatusError.is(error) && [error.code, error.message]).toEqual([400, `field label not supported: ${field}`]);
  });

  it.each(['metadata.name', 'name', 'status.phase'])('accepts %s on namespaces', (field) => {
    expect(() => selectionOf(namespaces, undefined, undefined, parseFieldSelector(`${field}=x`))).not.toThrow();
  });
});
