import type { ConfigMap } from '@kubenest/api/core/types';
import { KubeObject } from '@kubenest/apimachinery';
import { publishRootCA, ROOT_CA_CONFIGMAP } from './publish-root-ca.step';

const PEM = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n';
const DESCRIBED = { 'kubernetes.io/description': expect.stringContaining('CA bundle') };

const ns = (phase = 'Active'): KubeObject => ({ metadata: { name: 'team' }, status: { phase } }) as KubeObject;

const cm = (data: Record<string, string>, annotations?: Record<string, string>): ConfigMap => ({
  metadata: { namespace: 'team', name: ROOT_CA_CONFIGMAP, resourceVersion: '3', annotations },
  data,
});

describe('publishRootCA', () => {
  it.each([
    {
      name: 'missing: created',
      namespace: ns(),
      current: undefined,
      writes: [{ verb: 'create', data: { 'ca.crt': PEM }, annotations: DESCRIBED }],
    },
    {
      name: 'changed: put back, its other annotations kept',
      namespace: ns(),
      current: cm({ 'ca.crt': 'tampered', extra: 'x' }, { mine: 'yes' }),
      writes: [{ verb: 'update', data: { 'ca.crt': PEM }, annotations: { mine: 'yes', ...DESCRIBED } }],
    },
    {
      name: 'without its description: described',
      namespace: ns(),
      current: cm({ 'ca.crt': PEM }),
      writes: [{ verb: 'update', data: { 'ca.crt': PEM }, annotations: DESCRIBED }],
    },
    {
      name: 'as published: left alone',
      namespace: ns(),
      current: cm({ 'ca.crt': PEM }, { 'kubernetes.io/description': 'd' }),
      writes: [],
    },
    { name: 'in a terminating namespace: left alone', namespace: ns('Terminating'), current: undefined, writes: [] },
  ])('$name', async ({ namespace, current, writes }) => {
    const seen: { verb: string; data: unknown; annotations: unknown }[] = [];
    const record = (verb: string) => async (c: ConfigMap) =>
      seen.push({ verb, data: c.data, annotations: c.metadata.annotations });
    await publishRootCA({ caPem: PEM, current: () => current, create: record('create'), update: record('update') })(
      namespace,
    );
    expect(seen).toEqual(writes);
  });
});
