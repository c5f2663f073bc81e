import { prepareObjectUpdate, validateObject, validateObjectUpdate } from '@kubenest/registry';
import { FieldError } from '@kubenest/apimachinery';
import { podStrategy } from './pod.strategy';
import { Pod } from '../types';

const now = new Date('2025-01-01T12:00:00Z');
const created = '2025-01-01T11:55:00Z';

const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}, extra: Partial<Pod> = {}): Pod => ({
  metadata: { name: 'web', namespace: 'default', creationTimestamp: created as never },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  ...extra,
});

const created_ = (p: Pod): Pod => {
  podStrategy.prepareForCreate!(p);
  return p;
};

const fields = (errs: FieldError[]): string[] => errs.map((e) => `${e.field}: ${e.message}`);

describe('pod defaults', () => {
  it('sets what kube-apiserver sets on a new pod', () => {
    const p = created_(pod());
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    { image: 'nginx', want: 'Always' },
    { image: 'nginx:latest', want: 'Always' },
    { image: 'registry:5000/nginx', want: 'Always' },
    { image: 'registry:5000/nginx:1.2', want: 'IfNotPresent' },
    { image: 'nginx@sha256:abcd', want: 'IfNotPresent' },
  ])('pull policy of $image is $want', ({ image, want }) => {
    const p = created_(pod({ containers: [{ name: 'app', image }] }));
    expect(p.spec!.containers[0].imagePullPolicy).toBe(want);
  });

  it('defaults port protocols and volumes', () => {
    const p = created_(
      pod({ containers: [{ name: 'app', image: 'x:1', ports: [{ containerPort: 80 }] }], volumes: [{ name: 'data' }] }),
    );
    expect(p.spec!.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(p.spec!.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it.each([
    { name: 'no resources', resources: undefined, want: 'BestEffort' },
    { name: 'limits only', resources: { limits: { cpu: '500m', memory: '128Mi' } }, want: 'Guaranteed' },
    {
      name: 'equal requests and limits',
      resources: { requests: { cpu: '0.5', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
      want: 'Guaranteed',
    },
    { name: 'requests only', resources: { requests: { cpu: '100m' } }, want: 'Burstable' },
    {
      name: 'limits above requests',
      resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '200m', memory: '1Gi' } },
      want: 'Burstable',
    },
  ])('qosClass with $name is $want', ({ resources, want }) => {
    const p = created_(
      pod({
        containers: [{ name: 'app', image: 'x:1', resources: resources as Record<string, Record<string, string>> }],
      }),
    );
    expect(p.status!.qosClass).toBe(want);
  });

  it('keeps status on update', () => {
    const old = created_(pod());
    old.status = { phase: 'Running' };
    const next = pod();
    prepareObjectUpdate(podStrategy, next, old);
    expect(next.status).toEqual({ phase: 'Running' });
  });
});

describe('pod validation', () => {
  it.each([
    { name: 'valid', spec: {}, want: [] },
    { name: 'no containers', spec: { containers: [] }, want: ['spec.containers: Required value'] },
    // As a body of `containers: null` arrives once the null is read as Go reads it: unset.
    { name: 'containers unset', spec: { containers: undefined }, want: ['spec.containers: Required value'] },
    { name: 'no image', spec: { containers: [{ name: 'app' }] }, want: ['spec.containers[0].image: Required value'] },
    {
      name: 'duplicate container names',
      spec: {
        containers: [
          { name: 'app', image: 'a:1' },
          { name: 'app', image: 'b:1' },
        ],
      },
      want: ['spec.containers[1].name: Duplicate value: "app"'],
    },
    {
      name: 'container name not a DNS label',
      spec: { containers: [{ name: 'App', image: 'a:1' }] },
      want: [
        expect.stringMatching(
          /^spec\.containers\[0\]\.name: Invalid value: "App": a lowercase RFC 1123 label must consist of/,
        ),
      ],
    },
    {
      name: 'bad port',
      spec: { containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 70000, protocol: 'TCP' }] }] },
      want: ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'bad protocol',
      spec: { containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] },
      want: ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    },
    {
      name: 'bad restart policy',
      spec: { restartPolicy: 'Sometimes' },
      want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: 'duplicate volumes',
      spec: {
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
      },
      want: ['spec.volumes[1].name: Duplicate value: "v"'],
    },
  ])('$name', ({ spec, want }) => {
    const p = created_(pod(spec as Partial<NonNullable<Pod['spec']>>));
    expect(fields(validateObject(podStrategy, p))).toEqual(want);
  });
});

describe('pod update validation', () => {
  const old = created_(pod({ tolerations: [{ key: 'a', operator: 'Exists' }] }));
  const updated = (change: (p: Pod) => void): Pod => {
    const p = structuredClone(old);
    change(p);
    return p;
  };

  it.each([
    { name: 'image change', change: (p: Pod) => (p.spec!.containers[0].image = 'nginx:1.28'), ok: true },
    {
      name: 'added toleration',
      change: (p: Pod) => p.spec!.tolerations!.push({ key: 'b', operator: 'Exists' }),
      ok: true,
    },
    { name: 'activeDeadlineSeconds set', change: (p: Pod) => (p.spec!.activeDeadlineSeconds = 60), ok: true },
    { name: 'labels change', change: (p: Pod) => (p.metadata.labels = { a: 'b' }), ok: true },
    { name: 'restartPolicy change', change: (p: Pod) => (p.spec!.restartPolicy = 'Never'), ok: false },
    { name: 'new container', change: (p: Pod) => p.spec!.containers.push({ name: 'b', image: 'b:1' }), ok: false },
  ])('$name allowed: $ok', ({ change, ok }) => {
    const errs = validateObjectUpdate(podStrategy, updated(change), old);
    if (ok) expect(errs).toEqual([]);
    else {
      expect(errs).toHaveLength(1);
      expect(errs[0].field).toBe('spec');
      expect(errs[0].message).toMatch(
        /^Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
      );
    }
  });

  it('forbids removing a toleration', () => {
    expect(
      fields(
        validateObjectUpdate(
          podStrategy,
          updated((p) => (p.spec!.tolerations = [])),
          old,
        ),
      ),
    ).toContain('spec.tolerations[0]: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('forbids lengthening activeDeadlineSeconds', () => {
    const limited = updated((p) => (p.spec!.activeDeadlineSeconds = 30));
    const longer = structuredClone(limited);
    longer.spec!.activeDeadlineSeconds = 60;
    expect(fields(validateObjectUpdate(podStrategy, longer, limited))).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value',
    ]);
  });
});

describe('pod columns', () => {
  const cells = (p: Pod): unknown[] => podStrategy.columns!.map((c) => c.cell(p, now));
  const running = { state: { running: {} }, ready: true, restartCount: 0, name: 'app', image: 'x', imageID: '' };

  it.each([
    { name: 'new pod', status: { phase: 'Pending' }, meta: {}, want: ['0/1', 'Pending', '0', '5m'] },
    {
      name: 'container creating',
      status: {
        phase: 'Pending',
        containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'ContainerCreating' } } }],
      },
      meta: {},
      want: ['0/1', 'ContainerCreating', '0', '5m'],
    },
    {
      name: 'running',
      status: { phase: 'Running', containerStatuses: [running] },
      meta: {},
      want: ['1/1', 'Running', '0', '5m'],
    },
    {
      name: 'crash loop',
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            ...running,
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T11:59:00Z' } },
          },
        ],
      },
      meta: {},
      want: ['0/1', 'CrashLoopBackOff', '4 (60s ago)', '5m'],
    },
    {
      name: 'completed',
      status: {
        phase: 'Succeeded',
        containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      },
      meta: {},
      want: ['0/1', 'Completed', '0', '5m'],
    },
    {
      name: 'exit code without reason',
      status: {
        phase: 'Failed',
        containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 2 } } }],
      },
      meta: {},
      want: ['0/1', 'ExitCode:2', '0', '5m'],
    },
    {
      name: 'init container waiting',
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      },
      meta: {},
      spec: { initContainers: [{ name: 'init', image: 'x' }] },
      want: ['0/1', 'Init:0/1', '0', '5m'],
    },
    {
      name: 'terminating',
      status: { phase: 'Running', containerStatuses: [running] },
      meta: { deletionTimestamp: '2025-01-01T12:00:00Z' },
      want: ['1/1', 'Terminating', '0', '5m'],
    },
  ])('$name', ({ status, meta, want, ...rest }) => {
    const p = pod((rest as { spec?: Partial<NonNullable<Pod['spec']>> }).spec ?? {}, {
      status: status as Pod['status'],
    });
    Object.assign(p.metadata, meta);
    expect(cells(p).slice(0, 4)).toEqual(want);
  });

  it('shows IP, node, nominated node and readiness gates wide', () => {
    const p = pod(
      { nodeName: 'n1', readinessGates: [{ conditionType: 'x' }] },
      {
        status: { podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'x', status: 'True' }] },
      },
    );
    expect(cells(p).slice(4)).toEqual(['10.0.0.5', 'n1', '<none>', '1/1']);
    expect(podStrategy.columns!.map((c) => [c.name, c.priority])).toEqual([
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', undefined],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
  });
});

describe('pod field selectors', () => {
  const p = created_(pod({ nodeName: 'n1' }, {}));
  p.status = { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] };

  it.each([
    { field: 'spec.nodeName', want: 'n1' },
    { field: 'spec.restartPolicy', want: 'Always' },
    { field: 'spec.schedulerName', want: 'default-scheduler' },
    { field: 'spec.serviceAccountName', want: 'default' },
    { field: 'status.phase', want: 'Running' },
    { field: 'status.podIP', want: '10.0.0.5' },
    { field: 'status.nominatedNodeName', want: '' },
  ])('$field = $want', ({ field, want }) => {
    expect(podStrategy.fieldSelectors![field](p)).toBe(want);
  });

  it('an unscheduled pod matches spec.nodeName=""', () => {
    expect(podStrategy.fieldSelectors!['spec.nodeName'](pod())).toBe('');
  });
});
