import { validateObject } from '@kubenest/registry';
import { ReplicationController } from '../types';
import { replicationControllerStrategy as strategy } from './replicationcontroller.strategy';

const now = new Date('2025-01-01T12:00:00Z');
const messages = (errs: { field: string; message: string }[]): string[] => errs.map((e) => `${e.field}: ${e.message}`);

const rc = (spec: Partial<NonNullable<ReplicationController['spec']>> = {}): ReplicationController => ({
  metadata: { name: 'legacy', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' as never },
  spec: {
    selector: { app: 'legacy' },
    template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    ...spec,
  },
});

const created = (r: ReplicationController): ReplicationController => {
  strategy.prepareForCreate!(r);
  return r;
};

describe('replicationcontrollers', () => {
  it('defaults one replica, the pod spec, and an empty status', () => {
    const r = created(rc());
    expect(r.spec).toMatchObject({ replicas: 1, template: { spec: { restartPolicy: 'Always' } } });
    expect(r.status).toEqual({ replicas: 0 });
  });

  it.each([
    { name: 'the selector from the template labels', spec: { selector: undefined }, want: { app: 'legacy' } },
    {
      name: 'the template labels from the selector',
      spec: {
        selector: { app: 'x' },
        template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      },
      want: { app: 'x' },
    },
  ])('defaults $name', ({ spec, want }) => {
    const r = created(rc(spec));
    expect(r.spec!.selector).toEqual(want);
    expect(r.spec!.template!.metadata!.labels).toEqual(want);
  });

  it.each([
    { name: 'valid', spec: {}, errors: [] },
    {
      name: 'negative replicas',
      spec: { replicas: -1 },
      errors: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'negative minReadySeconds',
      spec: { minReadySeconds: -1 },
      errors: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'no selector and no template labels',
      spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      errors: ['spec.selector: Required value'],
    },
    {
      name: 'a selector the template does not match',
      spec: { selector: { app: 'other' } },
      errors: [
        'spec.template.metadata.labels: Invalid value: {"app":"legacy"}: `selector` does not match template `labels`',
      ],
    },
    { name: 'no template', spec: { template: undefined }, errors: ['spec.template: Required value'] },
    {
      name: 'a restart policy other than Always',
      spec: {
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
        },
      },
      errors: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'activeDeadlineSeconds',
      spec: {
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { activeDeadlineSeconds: 5, containers: [{ name: 'c', image: 'busybox' }] },
        },
      },
      errors: [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
      ],
    },
  ])('validates $name', ({ spec, errors }) => {
    const r = created(rc(spec as Partial<NonNullable<ReplicationController['spec']>>));
    expect(messages(validateObject(strategy, r))).toEqual(errors);
  });

  it('columns', () => {
    const r = created(rc({ replicas: 3 }));
    r.status = { replicas: 2, readyReplicas: 1 };
    expect(strategy.columns!.map((c) => c.cell(r, now))).toEqual([3, 2, 1, '60m', 'c', 'busybox', 'app=legacy']);
    expect(strategy.columns!.map((c) => c.name)).toEqual([
      'Desired',
      'Current',
      'Ready',
      'Age',
      'Containers',
      'Images',
      'Selector',
    ]);
  });

  it('scales, its selector as label text', () => {
    const r = created(rc({ selector: { tier: 'b', app: 'legacy' } }));
    r.spec!.template!.metadata!.labels = { app: 'legacy', tier: 'b' };
    strategy.scale!.setSpecReplicas(r, 5);
    expect(strategy.scale!.specReplicas(r)).toBe(5);
    expect(strategy.scale!.selector(r)).toBe('app=legacy,tier=b');
  });
});
