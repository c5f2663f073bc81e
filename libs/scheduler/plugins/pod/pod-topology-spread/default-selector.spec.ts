import type { ReplicaSet } from '@kubenest/api/apps/types';
import type { Service } from '@kubenest/api/core/types';
import type { LabelSelectorObject } from '@kubenest/apimachinery/selectors';
import { listerOf, pod } from '../pod-plugins.fixtures';
import { defaultSelector } from './default-selector';

const service = (name: string, selector?: Record<string, string>, namespace = 'default'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: selector ? { selector } : {},
});
const replicaSet = (name: string, selector: LabelSelectorObject): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { selector, template: {} } as ReplicaSet['spec'],
});

describe('defaultSelector', () => {
  it.each([
    { name: 'nothing selects the pod: empty', services: [], replicaSets: [], owner: undefined, want: '' },
    {
      name: 'a Service selecting the pod',
      services: [service('web', { app: 'web' })],
      replicaSets: [],
      want: 'app=web',
    },
    {
      name: 'the selectors of every Service selecting it, merged',
      services: [service('web', { app: 'web' }), service('tier', { tier: 'front' }), service('db', { app: 'db' })],
      replicaSets: [],
      want: 'app=web,tier=front',
    },
    { name: 'a Service without a selector selects nothing', services: [service('manual')], replicaSets: [], want: '' },
    {
      name: 'a Service of another namespace',
      services: [service('web', { app: 'web' }, 'other')],
      replicaSets: [],
      want: '',
    },
    {
      name: "the controlling ReplicaSet's selector is added",
      services: [service('web', { app: 'web' })],
      replicaSets: [
        replicaSet('web-1', {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'hash', operator: 'In', values: ['1'] }],
        }),
      ],
      owner: 'web-1',
      want: 'app=web,app=web,hash in (1)',
    },
    { name: 'a ReplicaSet that is gone', services: [], replicaSets: [], owner: 'web-1', want: '' },
  ])('$name', ({ services, replicaSets, owner, want }) => {
    const p = pod('p', { labels: { app: 'web', tier: 'front', hash: '1' }, ownerReplicaSet: owner });
    const selector = defaultSelector(p, { services: listerOf(services), replicaSets: listerOf(replicaSets) });
    expect(selector.toString()).toBe(want);
  });
});
