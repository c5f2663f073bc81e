import { prepareObjectUpdate, validateObject } from '@kubenest/registry';
import { resourcePaths, subresourcesOf } from '../../openapi';
import { erase } from '../../common/erase';
import { csrStrategy } from './csr.strategy';
import { csrConditionCell } from './csr-columns';
import { makeCsr, makeRequestPem } from './testing/make-csr';
import { CertificateSigningRequest, encodePemField } from '../types';

const now = '2025-01-01T12:00:00Z';
let requestPem: string;

beforeAll(async () => {
  requestPem = await makeRequestPem('CN=system:node:w1, O=system:nodes');
});

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('CertificateSigningRequest validation', () => {
  it.each([
    { name: 'a valid request', spec: {}, want: [] },
    { name: 'no request', spec: { request: '' }, want: ['spec.request'] },
    { name: 'not PEM', spec: { request: encodePemField('hello') }, want: ['spec.request'] },
    {
      name: 'a certificate instead of a request',
      spec: { request: encodePemField('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n') },
      want: ['spec.request'],
    },
    { name: 'no signerName', spec: { signerName: '' }, want: ['spec.signerName'] },
    { name: 'a signerName without path', spec: { signerName: 'example.com' }, want: ['spec.signerName'] },
    { name: 'a signerName with a bad domain', spec: { signerName: 'Example_com/x' }, want: ['spec.signerName'] },
    { name: 'the legacy signer', spec: { signerName: 'kubernetes.io/legacy-unknown' }, want: ['spec.signerName'] },
    { name: 'a custom signer', spec: { signerName: 'example.com/my-signer' }, want: [] },
    { name: 'no usages', spec: { usages: [] }, want: ['spec.usages'] },
    { name: 'an unknown usage', spec: { usages: ['client auth', 'flying'] }, want: ['spec.usages[1]'] },
    { name: 'a repeated usage', spec: { usages: ['client auth', 'client auth'] }, want: ['spec.usages[1]'] },
    { name: 'a too short expiration', spec: { expirationSeconds: 599 }, want: ['spec.expirationSeconds'] },
    { name: 'ten minutes', spec: { expirationSeconds: 600 }, want: [] },
  ])('$name', ({ spec, want }) => {
    const csr = makeCsr(requestPem, spec as never);
    expect(fields(validateObject(csrStrategy, csr))).toEqual(want);
  });

  it.each([
    { name: 'node-csr-abc', want: [] },
    { name: 'csr:with:colons', want: [] },
    { name: 'a/b', want: ['metadata.name'] },
    { name: '..', want: ['metadata.name'] },
  ])('name $name', ({ name, want }) => {
    expect(fields(validateObject(csrStrategy, makeCsr(requestPem, {}, name)))).toEqual(want);
  });

  it('says why a signerName is refused, in kube words', () => {
    const [error] = validateObject(csrStrategy, makeCsr(requestPem, { signerName: 'nope' }));
    expect(error.message).toBe(
      'Invalid value: "nope": must be a fully qualified domain and path of the form \'example.com/signer-name\'',
    );
  });
});

describe('CertificateSigningRequest writes', () => {
  it('clears status and the requester fields on create (admission sets them from the user)', () => {
    const csr = makeCsr(requestPem, { username: 'mallory', groups: ['system:masters'], uid: 'x', extra: { a: ['b'] } });
    csr.status = { certificate: 'Zm9v' };
    csrStrategy.prepareForCreate!(csr);
    expect(csr.status).toBeUndefined();
    expect(csr.spec).not.toHaveProperty('username');
    expect(csr.spec).not.toHaveProperty('groups');
    expect(csr.spec).not.toHaveProperty('uid');
    expect(csr.spec).not.toHaveProperty('extra');
  });

  it('keeps spec and status on a main-resource update; only metadata changes', () => {
    const old = makeCsr(requestPem, { username: 'system:bootstrap:abcdef' });
    old.status = { conditions: [{ type: 'Approved', status: 'True' }] };
    const next: CertificateSigningRequest = {
      ...makeCsr(requestPem, { signerName: 'example.com/other' }),
      metadata: { name: 'node-csr-1', labels: { a: 'b' } },
    };
    prepareObjectUpdate(csrStrategy, next, old);
    expect(next.spec).toEqual(old.spec);
    expect(next.status).toEqual(old.status);
    expect(next.metadata.labels).toEqual({ a: 'b' });
  });
});

describe('kubectl get csr', () => {
  it('has the columns of kube', () => {
    expect(csrStrategy.columns!.map((c) => c.name)).toEqual([
      'Age',
      'SignerName',
      'Requestor',
      'RequestedDuration',
      'Condition',
    ]);
  });

  it.each([
    { conditions: [], certificate: undefined, want: 'Pending' },
    { conditions: ['Approved'], certificate: undefined, want: 'Approved' },
    { conditions: ['Approved'], certificate: 'x', want: 'Approved,Issued' },
    { conditions: ['Denied'], certificate: undefined, want: 'Denied' },
    { conditions: ['Approved', 'Failed'], certificate: undefined, want: 'Approved,Failed' },
  ])('condition $want', ({ conditions, certificate, want }) => {
    const csr = makeCsr('');
    csr.status = { conditions: conditions.map((type) => ({ type, status: 'True' })), certificate };
    expect(csrConditionCell(csr)).toBe(want);
  });

  it.each([
    { expirationSeconds: undefined, want: '<none>' },
    { expirationSeconds: 3600, want: '60m' },
    { expirationSeconds: 86400, want: '24h' },
  ])('requested duration $want', ({ expirationSeconds, want }) => {
    const column = csrStrategy.columns!.find((c) => c.name === 'RequestedDuration')!;
    expect(column.cell(makeCsr('', { expirationSeconds }), new Date(now))).toBe(want);
  });
});

describe('discovery and OpenAPI', () => {
  it('list approval and status as get, patch and update subresources', () => {
    expect(subresourcesOf(erase(csrStrategy)).map((s) => [s.name, s.kind.kind, s.verbs])).toEqual([
      ['approval', 'CertificateSigningRequest', ['get', 'patch', 'update']],
      ['status', 'CertificateSigningRequest', ['get', 'patch', 'update']],
    ]);
  });

  it('document the approval path', () => {
    const path = resourcePaths(erase(csrStrategy)).paths[
      '/apis/certificates.k8s.io/v1/certificatesigningrequests/{name}/approval'
    ];
    expect(
      Object.keys(path)
        .filter((k) => k !== 'parameters')
        .sort(),
    ).toEqual(['get', 'patch', 'put']);
  });
});
