import { validateObject, validateObjectUpdate } from '@kubenest/registry';
import { configMapStrategy } from './configmap/configmap.strategy';
import { endpointsStrategy } from './endpoints/endpoints.strategy';
import { secretStrategy } from './secret/secret.strategy';
import { serviceAccountStrategy } from './serviceaccount/serviceaccount.strategy';
import { ConfigMap, Endpoints, Secret } from './types';

const now = new Date('2025-01-01T12:00:00Z');
const meta = { name: 'cfg', namespace: 'default', creationTimestamp: '2025-01-01T11:58:00Z' as never };
const messages = (errs: { field: string; message: string }[]): string[] => errs.map((e) => `${e.field}: ${e.message}`);

describe('configmaps', () => {
  it.each([
    { name: 'valid', cm: { data: { 'app.conf': 'x' } }, want: [] },
    {
      name: 'bad key',
      cm: { data: { '..x': 'x' } },
      want: ['data[..x]: Invalid value: "..x": must not start with \'..\''],
    },
    {
      name: 'key in both bags',
      cm: { data: { a: 'x' }, binaryData: { a: 'eA==' } },
      want: ['data[a]: Invalid value: "a": duplicate of key present in binaryData'],
    },
    {
      name: 'keys named like Object members',
      cm: { data: JSON.parse('{"hasOwnProperty":"x","constructor":"y"}') as Record<string, string> },
      want: [],
    },
    {
      name: 'too large',
      cm: { data: { a: 'x'.repeat(1024 * 1024 + 1) } },
      want: [': Too long: may not be more than 1048576 bytes'],
    },
  ])('$name', ({ cm, want }) => {
    expect(messages(validateObject(configMapStrategy, { metadata: meta, ...cm } as unknown as ConfigMap))).toEqual(
      want,
    );
  });

  it('freezes an immutable configmap', () => {
    const old: ConfigMap = { metadata: meta, data: { a: '1' }, immutable: true };
    expect(messages(validateObjectUpdate(configMapStrategy, { metadata: meta, data: { a: '2' } }, old))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(
      validateObjectUpdate(
        configMapStrategy,
        { metadata: { ...meta, labels: { x: 'y' } }, data: { a: '1' }, immutable: true },
        old,
      ),
    ).toEqual([]);
  });

  it('counts data and binaryData keys', () => {
    const cm: ConfigMap = { metadata: meta, data: { a: '1' }, binaryData: { b: 'eA==' } };
    expect(configMapStrategy.columns!.map((c) => c.cell(cm, now))).toEqual([2, '2m']);
  });
});

describe('secrets', () => {
  const create = (s: Partial<Secret>): Secret => {
    const secret = { metadata: meta, ...s } as Secret;
    secretStrategy.prepareForCreate!(secret);
    return secret;
  };

  it('defaults the type and folds stringData into data', () => {
    const secret = create({ data: { a: 'MQ==' }, stringData: { b: 'two' } });
    expect(secret).toEqual({ metadata: meta, type: 'Opaque', data: { a: 'MQ==', b: 'dHdv' } });
  });

  it.each([
    { name: 'opaque', s: { data: { a: 'MQ==' } }, want: [] },
    {
      name: 'tls without key',
      s: { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } },
      want: ['data[tls.key]: Required value'],
    },
    {
      name: 'basic-auth empty',
      s: { type: 'kubernetes.io/basic-auth', data: {} },
      want: ['data[username]: Required value', 'data[password]: Required value'],
    },
    {
      name: 'service account token without its account',
      s: { type: 'kubernetes.io/service-account-token' },
      want: ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    },
    {
      name: 'bad key',
      s: { data: { 'a b': 'eA==' } },
      want: [expect.stringMatching(/^data\[a b\]: Invalid value: "a b": a valid config key/)],
    },
  ])('$name', ({ s, want }) => {
    expect(messages(validateObject(secretStrategy, create(s as Partial<Secret>)))).toEqual(want);
  });

  it('type may not change', () => {
    const old = create({});
    const next = create({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } });
    expect(messages(validateObjectUpdate(secretStrategy, next, old))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });

  it('columns and the type field selector', () => {
    const secret = create({ data: { a: 'MQ==', b: 'Mg==' } });
    expect(secretStrategy.columns!.map((c) => c.cell(secret, now))).toEqual(['Opaque', 2, '2m']);
    expect(secretStrategy.fieldSelectors!.type(secret)).toBe('Opaque');
  });
});

describe('endpoints', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: meta, subsets });

  it.each([
    { name: 'none', subsets: undefined, want: '<none>' },
    { name: 'one', subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }], want: '10.0.0.1:80' },
    {
      name: 'more than three',
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
          ports: [
            { port: 80, name: 'a' },
            { port: 443, name: 'b' },
          ],
        },
      ],
      want: '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    },
    { name: 'IPv6', subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }], want: '[fd00::1]:80' },
    { name: 'headless without ports', subsets: [{ addresses: [{ ip: '10.0.0.1' }] }], want: '10.0.0.1' },
  ])('ENDPOINTS with $name', ({ subsets, want }) => {
    expect(endpointsStrategy.columns![0].cell(ep(subsets), now)).toBe(want);
  });

  it('validates addresses and ports', () => {
    const bad = ep([{ addresses: [{ ip: 'nope' }], ports: [{ port: 0, protocol: 'TCP' }] }]);
    expect(messages(validateObject(endpointsStrategy, bad))).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it.each([
    { ip: '127.0.0.1', want: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
    { ip: '::1', want: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
    { ip: '::ffff:127.0.0.2', want: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
    { ip: '0.0.0.0', want: 'may not be unspecified (0.0.0.0)' },
    { ip: '::', want: 'may not be unspecified (::)' },
    { ip: '169.254.169.254', want: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)' },
    { ip: 'fe80::1', want: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)' },
    { ip: '224.0.0.251', want: 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)' },
    { ip: 'ff02::fb', want: 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)' },
  ])('refuses $ip as kube does', ({ ip, want }) => {
    const bad = ep([{ notReadyAddresses: [{ ip }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(messages(validateObject(endpointsStrategy, bad))).toEqual([
      `subsets[0].notReadyAddresses[0].ip: Invalid value: "${ip}": ${want}`,
    ]);
  });

  it.each(['10.0.0.1', '192.168.1.5', '224.0.1.1', 'fd00::1', '2001:db8::1', 'ff05::1'])('takes %s', (ip) => {
    expect(
      validateObject(endpointsStrategy, ep([{ addresses: [{ ip }], ports: [{ port: 80, protocol: 'TCP' }] }])),
    ).toEqual([]);
  });

  it("checks an address's hostname and nodeName", () => {
    const bad = ep([{ addresses: [{ ip: '10.0.0.1', hostname: 'A_b', nodeName: 'Node_1' }] }]);
    expect(messages(validateObject(endpointsStrategy, bad))).toEqual([
      expect.stringMatching(
        /^subsets\[0\]\.addresses\[0\]\.hostname: Invalid value: "A_b": a lowercase RFC 1123 label/,
      ),
      expect.stringMatching(
        /^subsets\[0\]\.addresses\[0\]\.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/,
      ),
    ]);
  });
});

describe('serviceaccounts', () => {
  it('counts secrets', () => {
    const sa = { metadata: meta, secrets: [{ name: 'a' }] };
    expect(serviceAccountStrategy.columns!.map((c) => c.cell(sa, now))).toEqual([1, '2m']);
    expect(validateObject(serviceAccountStrategy, sa)).toEqual([]);
  });
});
