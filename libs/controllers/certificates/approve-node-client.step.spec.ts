import { CertificateSigningRequest } from '@kubenest/api/certificates';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { approvalFor, approveNodeClient } from './approve-node-client.step';
import { LiveNode, NodeLiveness } from './node-liveness';

const bootstrapper = { username: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:authenticated'] };
const self = { username: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] };
const pems: Record<string, string> = {};

beforeAll(async () => {
  pems.node = await makeRequestPem('CN=system:node:w1, O=system:nodes');
  pems.admin = await makeRequestPem('CN=system:node:w1, O=system:masters');
  pems.twoOrgs = await makeRequestPem('CN=system:node:w1, O=system:nodes, O=extra');
  pems.notNode = await makeRequestPem('CN=alice, O=system:nodes');
  pems.emptyNode = await makeRequestPem('CN=system:node:, O=system:nodes');
  pems.withSans = await makeRequestPem('CN=system:node:w1, O=system:nodes', { dnsNames: ['w1.example'] });
});

/** w1 is live when asked; no other node is. */
const liveW1: LiveNode = { sinceMs: 2_500, remainingMs: 37_500 };
const noLiveNode: NodeLiveness = async () => undefined;
const w1Live: NodeLiveness = async (node) => (node === 'w1' ? liveW1 : undefined);

const approved = [{ type: 'Approved', status: 'True' }];
const denied = [{ type: 'Denied', status: 'True' }];

describe('approvalFor', () => {
  it.each([
    { name: 'a bootstrap token asking for a node', pem: 'node', spec: bootstrapper, approve: true },
    { name: 'a node renewing itself', pem: 'node', spec: self, approve: true },
    { name: 'a node asking for another', pem: 'node', spec: { ...self, username: 'system:node:w2' }, approve: false },
    { name: 'a plain user', pem: 'node', spec: { username: 'bob', groups: ['system:authenticated'] }, approve: false },
    {
      name: 'bootstrapper group without bootstrap user',
      pem: 'node',
      spec: { ...bootstrapper, username: 'bob' },
      approve: false,
    },
    { name: 'O system:masters', pem: 'admin', spec: bootstrapper, approve: false },
    { name: 'two organizations', pem: 'twoOrgs', spec: bootstrapper, approve: false },
    { name: 'a CN that is no node', pem: 'notNode', spec: bootstrapper, approve: false },
    { name: 'an empty node name', pem: 'emptyNode', spec: bootstrapper, approve: false },
    { name: 'subject alternative names', pem: 'withSans', spec: bootstrapper, approve: false },
    {
      name: 'another signer',
      pem: 'node',
      spec: { ...bootstrapper, signerName: 'kubernetes.io/kube-apiserver-client' },
      approve: false,
    },
    {
      name: 'server auth usage',
      pem: 'node',
      spec: { ...bootstrapper, usages: ['client auth', 'server auth'] },
      approve: false,
    },
    { name: 'no client auth', pem: 'node', spec: { ...bootstrapper, usages: ['digital signature'] }, approve: false },
    {
      name: 'all three kubelet usages',
      pem: 'node',
      spec: { ...bootstrapper, usages: ['key encipherment', 'digital signature', 'client auth'] },
      approve: true,
    },
    { name: 'already approved', pem: 'node', spec: bootstrapper, conditions: approved, approve: false },
    { name: 'already denied', pem: 'node', spec: bootstrapper, conditions: denied, approve: false },
  ])('$name → approve $approve', async ({ pem, spec, conditions, approve }) => {
    const csr = makeCsr(pems[pem], spec as never);
    if (conditions) csr.status = { conditions };
    expect((await approvalFor(csr, noLiveNode)).verdict).toBe(approve ? 'approve' : 'leave');
  });

  it.each([
    { name: 'a bootstrap token asking for the live node', spec: bootstrapper, verdict: 'deny' },
    { name: 'the live node renewing itself', spec: self, verdict: 'approve' },
    {
      name: 'a bootstrap token asking for the live node, already denied',
      spec: bootstrapper,
      conditions: denied,
      verdict: 'leave',
    },
  ])('$name → $verdict', async ({ spec, conditions, verdict }) => {
    const csr = makeCsr(pems.node, spec);
    if (conditions) csr.status = { conditions };
    expect((await approvalFor(csr, w1Live)).verdict).toBe(verdict);
  });

  it('tells a bootstrap token asking for a live node why, and from when it may ask again', async () => {
    expect(await approvalFor(makeCsr(pems.node, bootstrapper), w1Live)).toEqual({
      verdict: 'deny',
      message:
        'node "w1" is live (its Lease in kube-node-lease was seen renewed 3 s ago): a bootstrap token may not ' +
        'take a live node\'s identity; a new request may join as "w1" once its lease has gone unrenewed for the ' +
        'node monitor grace period, in 38 s at the earliest',
    });
  });
});

describe('approveNodeClient', () => {
  const now = new Date('2025-01-01T00:00:00.123Z');
  const store = () => {
    const writes: CertificateSigningRequest[] = [];
    return {
      writes,
      write: async (_name: string, mutate: (c: CertificateSigningRequest) => void) => {
        const current = structuredClone(csr);
        mutate(current);
        writes.push(current);
        return current;
      },
    };
  };
  let csr: CertificateSigningRequest;

  it('adds an Approved condition through approval', async () => {
    csr = makeCsr(pems.node, bootstrapper);
    const s = store();
    const result = await approveNodeClient({ writeApproval: s.write, liveNode: noLiveNode, now: () => now })(csr);
    expect(s.writes).toHaveLength(1);
    expect(result.status?.conditions).toEqual([
      {
        type: 'Approved',
        status: 'True',
        reason: 'AutoApproved',
        message: 'Auto approving kubelet client certificate after SubjectAccessReview.',
        lastUpdateTime: '2025-01-01T00:00:00Z',
        lastTransitionTime: '2025-01-01T00:00:00Z',
      },
    ]);
  });

  it('adds a Denied condition through approval for a live node asked with a bootstrap token', async () => {
    csr = makeCsr(pems.node, bootstrapper);
    const s = store();
    const result = await approveNodeClient({ writeApproval: s.write, liveNode: w1Live, now: () => now })(csr);
    expect(s.writes).toHaveLength(1);
    expect(result.status?.conditions).toEqual([
      expect.objectContaining({ type: 'Denied', status: 'True', reason: 'NodeIdentityInUse' }),
    ]);
    expect(result.status?.conditions?.[0].message).toContain('node "w1" is live');
  });

  it('writes nothing for a request it does not approve', async () => {
    csr = makeCsr(pems.admin, bootstrapper);
    const s = store();
    expect(await approveNodeClient({ writeApproval: s.write, liveNode: noLiveNode, now: () => now })(csr)).toBe(csr);
    expect(s.writes).toHaveLength(0);
  });
});
