import { validateObject, validateObjectUpdate } from '@kubenest/registry';
import { deploymentStrategy } from './deployment/deployment.strategy';
import { replicaSetStrategy } from './replicaset/replicaset.strategy';
import { Deployment, ReplicaSet } from './types';

const now = new Date('2025-01-01T12:00:00Z');
const messages = (errs: { field: string; message: string }[]): string[] => errs.map((e) => `${e.field}: ${e.message}`);

const deployment = (spec: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' as never },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    ...spec,
  },
});

const created = (d: Deployment): Deployment => {
  deploymentStrategy.prepareForCreate!(d);
  return d;
};

describe('deployments', () => {
  it('defaults', () => {
    const d = created(deployment());
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(d.spec!.template.spec!.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(d.spec!.template.spec!.enableServiceLinks).toBeUndefined();
    expect(deploymentStrategy.generationTracked).toBe(true);
  });

  it.each([
    { name: 'valid', spec: {}, want: [] },
    { name: 'no selector', spec: { selector: undefined }, want: ['spec.selector: Required value'] },
    {
      name: 'empty selector',
      spec: { selector: {} },
      want: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
    },
    {
      name: 'selector not matching',
      spec: { selector: { matchLabels: { app: 'api' } } },
      want: [
        'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
      ],
    },
    {
      name: 'restartPolicy Never',
      spec: {
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { restartPolicy: 'Never' as const, containers: [{ name: 'app', image: 'x:1' }] },
        },
      },
      want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'both surge and unavailable zero',
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    },
    {
      name: 'bad percent',
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots', maxUnavailable: 1 } } },
      want: [
        expect.stringMatching(
          /^spec\.strategy\.rollingUpdate\.maxSurge: Invalid value: "lots": a valid percent string must be/,
        ),
      ],
    },
    {
      name: 'rollingUpdate with Recreate',
      spec: { strategy: { type: 'Recreate', rollingUpdate: {} } },
      want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    },
  ])('$name', ({ spec, want }) => {
    expect(
      messages(
        validateObject(deploymentStrategy, created(deployment(spec as Partial<NonNullable<Deployment['spec']>>))),
      ),
    ).toEqual(want);
  });

  it('selector is immutable', () => {
    const old = created(deployment());
    const next = created(deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } }));
    expect(messages(validateObjectUpdate(deploymentStrategy, next, old))).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    ]);
  });

  it('columns', () => {
    const d = created(deployment({ replicas: 3 }));
    d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(deploymentStrategy.columns!.map((c) => c.cell(d, now))).toEqual([
      '2/3',
      3,
      2,
      '60m',
      'app',
      'nginx:1.27',
      'app=web',
    ]);
  });

  it('scales', () => {
    const d = created(deployment());
    deploymentStrategy.scale!.setSpecReplicas(d, 5);
    expect(deploymentStrategy.scale!.specReplicas(d)).toBe(5);
    expect(deploymentStrategy.scale!.selector(d)).toBe('app=web');
  });
});

describe('replicasets', () => {
  const rs = (): ReplicaSet => {
    const r: ReplicaSet = {
      metadata: { name: 'web-abc', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' as never },
      spec: {
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }],
        },
        template: {
          metadata: { labels: { app: 'web', tier: 'a' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
        },
      },
    };
    replicaSetStrategy.prepareForCreate!(r);
    return r;
  };

  it('defaults and validates', () => {
    const r = rs();
    expect(r.spec!.replicas).toBe(1);
    expect(validateObject(replicaSetStrategy, r)).toEqual([]);
  });

  it('columns', () => {
    const r = rs();
    r.status = { replicas: 1, readyReplicas: 1 };
    expect(replicaSetStrategy.columns!.map((c) => c.cell(r, now))).toEqual([
      1,
      1,
      1,
      '60m',
      'app',
      'nginx:1.27',
      'app=web,tier in (a,b)',
    ]);
  });

  it('selects on status.replicas', () => {
    const r = rs();
    expect(replicaSetStrategy.fieldSelectors!['status.replicas'](r)).toBe('0');
  });
});
