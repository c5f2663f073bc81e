// Decodes the bodies real kubectl sent (recorded by fixtures/capture.mjs) and compares them with
// the objects kubectl prints for the same command under --dry-run=client -o json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtobufObject, isProtobuf } from './index';

interface CapturedRequest {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

interface Fixture {
  command: string[];
  requests: CapturedRequest[];
  clientDryRun?: Record<string, unknown>;
}

const fixturesDir = join(__dirname, 'fixtures');
const load = (version: string) => {
  const dir = join(fixturesDir, version);
  return new Map<string, Fixture>(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture]),
  );
};
const versions = readdirSync(fixturesDir).filter((d) => d.startsWith('kubectl-'));
const fixtures = load('kubectl-1.33');

const fixture = (name: string): Fixture => {
  const found = fixtures.get(name);
  if (!found) throw new Error(`no fixture ${name}: run fixtures/capture.mjs`);
  return found;
};

const decodeSent = (name: string) => {
  const sent = fixture(name).requests.find((r) => isProtobuf(r.contentType));
  if (!sent) throw new Error(`${name} sent no protobuf body`);
  return decodeProtobufObject(Buffer.from(sent.body, 'base64'));
};

// kubectl sends protobuf from 1.32 on; each captured version is checked.
describe.each(versions)('bodies %s sends as protobuf', (version) => {
  const withDryRun = [...load(version)].filter(
    ([, f]) => f.clientDryRun && f.requests.some((r) => isProtobuf(r.contentType)),
  );

  it('covers the imperative create commands', () => {
    expect(withDryRun.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'create-namespace',
        'create-configmap',
        'create-configmap-binary',
        'create-secret-generic',
        'create-deployment',
        'create-deployment-zero',
        'create-service-clusterip',
        'create-service-nodeport',
        'create-serviceaccount',
      ]),
    );
  });

  it.each(withDryRun.map(([, f]) => ({ f, command: f.command.join(' ') })))('$command', ({ f }) => {
    const sent = f.requests.find((r) => isProtobuf(r.contentType));
    expect(decodeProtobufObject(Buffer.from(sent?.body ?? '', 'base64'))).toEqual(f.clientDryRun);
  });
});

describe('bodies kubectl 1.33 sends as protobuf', () => {
  it('keeps replicas: 0, present on the wire', () => {
    expect(decodeSent('create-deployment-zero')).toMatchObject({ spec: { replicas: 0 } });
  });

  it('writes ConfigMap binaryData and Secret data as base64', () => {
    expect(decodeSent('create-configmap-binary')).toMatchObject({ binaryData: { blob: 'AP/+EIA=' } });
    expect(decodeSent('create-secret-generic')).toMatchObject({ data: { p: 'cQ==', empty: '' } });
  });

  it('writes a named targetPort as a string', () => {
    expect(decodeSent('create-service-nodeport')).toMatchObject({
      spec: { ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] },
    });
  });

  it.each([
    {
      name: 'auth-can-i-create-pods',
      expected: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: { creationTimestamp: null },
        spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
        status: { allowed: false },
      },
    },
    {
      name: 'auth-can-i-nonresource',
      expected: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: { creationTimestamp: null },
        spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
        status: { allowed: false },
      },
    },
    {
      name: 'auth-can-i-list',
      expected: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        metadata: { creationTimestamp: null },
        spec: { namespace: 'default' },
        status: { incomplete: false },
      },
    },
    {
      name: 'auth-whoami',
      expected: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
        metadata: { creationTimestamp: null },
        status: { userInfo: {} },
      },
    },
    {
      name: 'create-token',
      expected: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: { creationTimestamp: null },
        spec: { audiences: ['api'], expirationSeconds: 3600 },
        status: { token: '', expirationTimestamp: null },
      },
    },
  ])('$name', ({ name, expected }) => {
    expect(decodeSent(name)).toEqual(expected);
  });
});

describe('bodies kubectl 1.33 sends as JSON', () => {
  it.each(['run-pod', 'expose-deployment', 'scale-deployment', 'delete-configmap'])('%s', (name) => {
    const bodies = fixture(name).requests.filter((r) => r.body !== '');
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((r) => !isProtobuf(r.contentType))).toBe(true);
  });
});
