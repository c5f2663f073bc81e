import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import { ContainerCannotRun } from '../../runtime/container-cannot-run';
import type { Container, NodeFacts, Pod, Service } from '../pod-types';
import { containerArgv, containerEnv, EnvSources } from './container-env';
import { expandVars } from './expand';
import { serviceLinkVars } from './service-links';

const node: NodeFacts = { name: 'n1', hostIP: '10.0.0.5', allocatable: { cpu: '4', memory: '8Gi' } };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const svc = (name: string, namespace: string, ip: string, ports: IServicePort[]): Service => ({
  metadata: { name, namespace },
  spec: { clusterIP: ip, ports },
});
const sources: EnvSources = {
  configMap: async (ns, name) =>
    name === 'cfg' ? { metadata: { name, namespace: ns }, data: { mode: 'fast', 'bad-key!': 'x' } } : undefined,
  secret: async (ns, name) =>
    name === 'sec' ? { metadata: { name, namespace: ns }, data: { password: b64('s3cret') } } : undefined,
  services: async (ns) =>
    ns === 'default'
      ? [svc('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }])]
      : [svc('redis-main', ns, '10.96.0.9', [{ port: 6379 }]), svc('headless', ns, 'None', [{ port: 1 }])],
};

const pod = (container: Container, enableServiceLinks?: boolean): Pod => ({
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web' }, annotations: { note: 'hi' } },
  spec: { nodeName: 'n1', serviceAccountName: 'default', enableServiceLinks, containers: [container] },
});

describe('containerEnv', () => {
  it('resolves values, references, the downward API and resources in kubelet order', async () => {
    const c: Container = {
      name: 'c',
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }, { secretRef: { name: 'sec' } }],
      env: [
        { name: 'A', value: 'a' },
        { name: 'B', value: '$(A)-$(REDIS_MAIN_SERVICE_HOST)-$(NOPE)-$$(A)' },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
        { name: 'OPT', valueFrom: { secretKeyRef: { name: 'missing', key: 'k', optional: true } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MEM_REQ_MI', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
        { name: 'CPU_REQ_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      ],
      resources: { requests: { memory: '100M', cpu: '250m' } },
    };
    const env = await containerEnv(pod(c), c, node, sources);
    expect(env).toMatchObject({
      CFG_mode: 'fast',
      password: 's3cret',
      A: 'a',
      B: 'a-10.96.0.9-$(NOPE)-$(A)',
      MODE: 'fast',
      PW: 's3cret',
      POD: 'web',
      NS: 'shop',
      UID: 'u-1',
      APP: 'web',
      NOTE: 'hi',
      NODE: 'n1',
      SA: 'default',
      IP: '10.0.0.5',
      HOST_IP: '10.0.0.5',
      CPU_LIMIT: '4',
      MEM_REQ_MI: '96',
      CPU_REQ_M: '250',
      REDIS_MAIN_SERVICE_HOST: '10.96.0.9',
      REDIS_MAIN_SERVICE_PORT: '6379',
      REDIS_MAIN_PORT: 'tcp://10.96.0.9:6379',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
    });
    expect(env).not.toHaveProperty('OPT');
    expect(env).not.toHaveProperty('CFG_bad-key!');
    expect(Object.keys(env).some((k) => k.startsWith('HEADLESS'))).toBe(false);
  });

  it('leaves out namespace services when enableServiceLinks is false, but not the master service', async () => {
    const c: Container = { name: 'c' };
    const env = await containerEnv(pod(c, false), c, node, sources);
    expect(env).toHaveProperty('KUBERNETES_SERVICE_HOST', '10.96.0.1');
    expect(env).not.toHaveProperty('REDIS_MAIN_SERVICE_HOST');
  });

  it('lets env override a service variable', async () => {
    const c: Container = { name: 'c', env: [{ name: 'REDIS_MAIN_SERVICE_HOST', value: 'mine' }] };
    expect((await containerEnv(pod(c), c, node, sources)).REDIS_MAIN_SERVICE_HOST).toBe('mine');
  });

  it.each([
    {
      name: 'a missing configmap',
      env: { configMapKeyRef: { name: 'nope', key: 'k' } },
      message: 'configmap "nope" not found',
    },
    {
      name: 'a missing key',
      env: { configMapKeyRef: { name: 'cfg', key: 'k' } },
      message: "couldn't find key k in ConfigMap shop/cfg",
    },
    { name: 'a missing secret', env: { secretKeyRef: { name: 'nope', key: 'k' } }, message: 'secret "nope" not found' },
  ])('stops the container for $name with CreateContainerConfigError', async ({ env, message }) => {
    const c: Container = { name: 'c', env: [{ name: 'X', valueFrom: env }] };
    const err = await containerEnv(pod(c), c, node, sources).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContainerCannotRun);
    expect(err).toMatchObject({ reason: 'CreateContainerConfigError', message });
  });
});

describe('expandVars', () => {
  it.each([
    ['$(A)', 'x'],
    ['$(B)', '$(B)'],
    ['$$(A)', '$(A)'],
    ['a$b', 'a$b'],
    ['$(A', '$(A'],
    ['$', '$'],
  ])('%s → %s', (input, want) => expect(expandVars(input, { A: 'x' })).toBe(want));
});

describe('containerArgv', () => {
  it.each([
    { command: ['sh', '-c'], args: ['echo $(A)'], want: ['sh', '-c', 'echo x'] },
    { command: undefined, args: ['sh', '-c', 'echo $(A)'], want: ['sh', '-c', 'echo x'] },
    { command: undefined, args: undefined, want: [] },
  ])('$command $args', ({ command, args, want }) => {
    expect(containerArgv({ name: 'c', command, args }, { A: 'x' })).toEqual(want);
  });
});

describe('serviceLinkVars', () => {
  it('names every port', () => {
    expect(
      serviceLinkVars(
        svc('my-db', 'ns', '10.0.0.2', [
          { name: 'sql', port: 5432 },
          { port: 53, protocol: 'UDP' },
        ]),
      ),
    ).toEqual({
      MY_DB_SERVICE_HOST: '10.0.0.2',
      MY_DB_SERVICE_PORT: '5432',
      MY_DB_SERVICE_PORT_SQL: '5432',
      MY_DB_PORT: 'tcp://10.0.0.2:5432',
      MY_DB_PORT_5432_TCP: 'tcp://10.0.0.2:5432',
      MY_DB_PORT_5432_TCP_PROTO: 'tcp',
      MY_DB_PORT_5432_TCP_PORT: '5432',
      MY_DB_PORT_5432_TCP_ADDR: '10.0.0.2',
      MY_DB_PORT_53_UDP: 'udp://10.0.0.2:53',
      MY_DB_PORT_53_UDP_PROTO: 'udp',
      MY_DB_PORT_53_UDP_PORT: '53',
      MY_DB_PORT_53_UDP_ADDR: '10.0.0.2',
    });
  });
});
