import { prepareWrite, validateSubresourceUpdate } from '@kubenest/registry';
import type { UpdateSubresourceStrategy } from '@kubenest/registry';
import { csrStrategy } from './csr.strategy';
import { populateConditionTimes } from './csr-status-writes';
import { makeCsr, makeRequestPem } from './testing/make-csr';
import { CertificateSigningRequest, CsrCondition, encodePemField } from '../types';

const now = '2025-01-01T12:00:00Z';
let requestPem: string;
let certificatePem: string;

beforeAll(async () => {
  requestPem = await makeRequestPem('CN=system:node:w1, O=system:nodes');
  // Any certificate will do for the status checks: a self-signed one made with Node.
  const { createCertificateAuthority } = await import('@kubenest/pki/certificate-authority');
  certificatePem = (await createCertificateAuthority('test')).certPem;
});

type Write = UpdateSubresourceStrategy<CertificateSigningRequest>;
const status = csrStrategy.status as Write;
const approval = csrStrategy.updateSubresources!.approval;
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

const approved: CsrCondition = { type: 'Approved', status: 'True', reason: 'KubectlApprove' };
const denied: CsrCondition = { type: 'Denied', status: 'True', reason: 'KubectlDeny' };
const failed: CsrCondition = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure' };

/** A CSR with this status; certificate 'CERT' stands for a real PEM certificate. */
const withStatus = (s: CertificateSigningRequest['status']): CertificateSigningRequest => {
  const csr = makeCsr(requestPem);
  if (s === undefined) return csr;
  const certificate = s.certificate === 'CERT' ? encodePemField(certificatePem) : s.certificate;
  return { ...csr, status: { ...structuredClone(s), ...(certificate ? { certificate } : {}) } };
};

/** Runs a write the way the generic store does: prepare on the new object, then validate it. */
const write = (sub: Write, old: CertificateSigningRequest['status'], next: CertificateSigningRequest['status']) => {
  const before = withStatus(old);
  const after = withStatus(next);
  prepareWrite(sub, after, before);
  return { after, errors: validateSubresourceUpdate(sub, after, before) };
};

describe('populateConditionTimes', () => {
  it('keeps lastTransitionTime while a condition keeps its status', () => {
    const conditions = [{ type: 'Approved', status: 'True' }];
    populateConditionTimes(
      conditions,
      [{ type: 'Approved', status: 'True', lastTransitionTime: 'then' as never }],
      now,
    );
    expect(conditions[0]).toEqual({
      type: 'Approved',
      status: 'True',
      lastTransitionTime: 'then',
      lastUpdateTime: now,
    });
  });

  it('defaults status to True and stamps a new condition', () => {
    const conditions = [{ type: 'Approved', status: '' }];
    populateConditionTimes(conditions, [], now);
    expect(conditions[0]).toEqual({ type: 'Approved', status: 'True', lastTransitionTime: now, lastUpdateTime: now });
  });
});

describe('/approval', () => {
  it.each([
    { name: 'approving', old: undefined, next: { conditions: [approved] }, want: [] },
    { name: 'denying', old: {}, next: { conditions: [denied] }, want: [] },
    { name: 'approving again', old: { conditions: [approved] }, next: { conditions: [approved] }, want: [] },
    {
      name: 'approving and denying',
      old: {},
      next: { conditions: [approved, denied] },
      want: ['status.conditions[1].type'],
    },
    {
      name: 'denying an approved request',
      old: { conditions: [approved] },
      next: { conditions: [approved, denied] },
      want: ['status.conditions[1].type'],
    },
    {
      name: 'turning approval into denial',
      old: { conditions: [approved] },
      next: { conditions: [denied] },
      want: ['status.conditions'],
    },
    { name: 'taking approval back', old: { conditions: [approved] }, next: {}, want: ['status.conditions'] },
    {
      name: 'dropping Failed',
      old: { conditions: [approved, failed] },
      next: { conditions: [approved] },
      want: ['status.conditions'],
    },
    {
      name: 'two Approved conditions',
      old: {},
      next: { conditions: [approved, approved] },
      want: ['status.conditions[1].type'],
    },
    {
      name: 'an Approved condition that is False',
      old: {},
      next: { conditions: [{ ...approved, status: 'False' }] },
      want: ['status.conditions[0].status'],
    },
    {
      name: 'a condition without type',
      old: {},
      next: { conditions: [{ type: '', status: 'True' }] },
      want: ['status.conditions[0].type'],
    },
    {
      name: 'a bad status on another condition',
      old: {},
      next: { conditions: [{ type: 'Reviewed', status: 'Maybe' }] },
      want: ['status.conditions[0].status'],
    },
    {
      name: 'an unknown condition',
      old: {},
      next: { conditions: [{ type: 'Reviewed', status: 'Unknown' }] },
      want: [],
    },
  ])('$name', ({ old, next, want }) => {
    expect(fields(write(approval, old, next).errors)).toEqual(want);
  });

  it('writes the conditions only, keeping spec and certificate', () => {
    const before = withStatus({ conditions: [approved], certificate: 'CERT' });
    const after = { ...withStatus({ conditions: [approved, { type: 'Reviewed', status: 'True' }] }) };
    after.spec = { ...after.spec, signerName: 'example.com/other' };
    prepareWrite(approval, after, before);
    expect(after.spec).toEqual(before.spec);
    expect(after.status!.certificate).toBe(before.status!.certificate);
    expect(after.status!.conditions!.map((c) => c.type)).toEqual(['Approved', 'Reviewed']);
    expect(validateSubresourceUpdate(approval, after, before)).toEqual([]);
  });

  it('stamps the new condition', () => {
    const { after } = write(approval, {}, { conditions: [{ type: 'Approved', status: '' }] });
    expect(after.status!.conditions![0]).toMatchObject({ type: 'Approved', status: 'True' });
    expect(after.status!.conditions![0].lastUpdateTime).toBeDefined();
    expect(after.status!.conditions![0].lastTransitionTime).toBeDefined();
  });

  it('leaves a request without status without one', () => {
    const before = withStatus(undefined);
    const after = withStatus(undefined);
    prepareWrite(approval, after, before);
    expect(after).not.toHaveProperty('status');
  });
});

describe('/status', () => {
  it.each([
    {
      name: 'approving',
      old: {},
      next: { conditions: [approved] },
      want: ['status.conditions'],
      message: 'updates may not add a condition of type "Approved"',
    },
    {
      name: 'denying',
      old: { conditions: [] },
      next: { conditions: [denied] },
      want: ['status.conditions'],
      message: 'updates may not add a condition of type "Denied"',
    },
    {
      name: 'taking approval back',
      old: { conditions: [approved] },
      next: {},
      want: ['status.conditions'],
      message: 'updates may not remove a condition of type "Approved"',
    },
    {
      name: 'marking an approved request Failed',
      old: { conditions: [approved] },
      next: { conditions: [approved, failed] },
      want: [],
    },
    { name: 'issuing before approval', old: {}, next: { certificate: 'CERT' }, want: ['status.certificate'] },
    {
      name: 'issuing once approved',
      old: { conditions: [approved] },
      next: { conditions: [approved], certificate: 'CERT' },
      want: [],
    },
    {
      name: 'issuing garbage',
      old: { conditions: [approved] },
      next: { conditions: [approved], certificate: encodePemField('garbage') },
      want: ['status.certificate'],
    },
    {
      name: 'replacing the certificate',
      old: { conditions: [approved], certificate: 'CERT' },
      next: { conditions: [approved], certificate: encodePemField('other') },
      want: ['status.certificate'],
    },
    {
      name: 'keeping the certificate',
      old: { conditions: [approved], certificate: 'CERT' },
      next: { conditions: [approved], certificate: 'CERT' },
      want: [],
    },
  ])('$name', ({ old, next, want, message }) => {
    const { errors } = write(status, old, next);
    expect(fields(errors)).toEqual(want);
    if (message) expect(errors[0].message).toContain(message);
  });

  it('keeps the recorded decision when a write edits it', () => {
    const recorded = { ...approved, message: 'ok', lastUpdateTime: now as never, lastTransitionTime: now as never };
    const { after, errors } = write(
      status,
      { conditions: [recorded] },
      { conditions: [{ ...approved, message: 'x' }] },
    );
    expect(after.status!.conditions).toEqual([recorded]);
    expect(errors).toEqual([]);
  });

  it('keeps spec', () => {
    const before = withStatus({});
    const after = withStatus({ conditions: [failed] });
    after.spec = { ...after.spec, username: 'changed' };
    prepareWrite(status, after, before);
    expect(after.spec).toEqual(before.spec);
  });
});
