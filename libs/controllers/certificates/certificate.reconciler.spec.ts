import { X509Certificate } from 'node:crypto';
import { CertificateSigningRequest, csrStrategy, decodePemField } from '@kubenest/api/certificates';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { StatusError } from '@kubenest/apimachinery';
import { clusterAuthorizer, NodeGraph, serviceAccountGroups } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { InProcessClient } from '@kubenest/client/in-process';
import { CertificateAuthority, createCertificateAuthority, signClientCertificate } from '@kubenest/pki';
import {
  AdmissionAttributes,
  AdmissionChain,
  AdmissionPlugin,
  ResourceHandler,
  ResourceRegistry,
  ResourceStores,
  Strategy,
} from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { approveNodeClient } from './approve-node-client.step';
import { CERTIFICATE_CONTROLLER } from './certificate.loop';
import { reconcileCsr, writeCsrThrough } from './certificate.reconciler';
import { signClientCertificates } from './sign-client-certificate.step';

/** Stands in for the CsrRequester admission plugin: the request comes from a bootstrap token. */
const bootstrapRequester: AdmissionPlugin = {
  name: 'Requester',
  admit: async (a) => {
    if (a.operation !== 'CREATE') return;
    const spec = (a.object as CertificateSigningRequest).spec;
    spec.username = 'system:bootstrap:abcdef';
    spec.groups = ['system:bootstrappers', 'system:authenticated'];
  },
};

const now = () => new Date('2025-01-01T00:00:00Z');
const noLiveNode = async () => undefined;
let ca: CertificateAuthority;
let nodePem: string;

beforeAll(async () => {
  ca = await createCertificateAuthority('test');
  nodePem = await makeRequestPem('CN=system:node:w1, O=system:nodes');
});

const started: ResourceStores[] = [];
afterAll(() => started.forEach((s) => s.stop()));

/** The registry with the CSR kind, and the controller's in-process client over it, authorized by the cluster's policy. */
const setup = async () => {
  const updates: AdmissionAttributes[] = [];
  const recorder: AdmissionPlugin = {
    name: 'Recorder',
    validate: async (a) => void (a.operation === 'UPDATE' && updates.push(a)),
  };
  const registry = new ResourceRegistry([csrStrategy] as Strategy[]);
  const stores = new ResourceStores(registry, new FakeStore(), new AdmissionChain([bootstrapRequester, recorder]));
  await stores.start();
  started.push(stores);
  const store = stores.byKind('certificates.k8s.io', 'CertificateSigningRequest')!.store;
  const deps = {
    registry,
    stores,
    handler: new ResourceHandler(applyFieldValidation),
    authorizer: clusterAuthorizer(new NodeGraph()),
  };
  const client = new InProcessClient(deps, {
    name: CERTIFICATE_CONTROLLER,
    groups: serviceAccountGroups('kube-system'),
  });
  const csrs = client.resource<CertificateSigningRequest>(resources.certificateSigningRequests);
  const created = (await store.create(undefined, makeCsr(nodePem))) as CertificateSigningRequest;
  return { store, csrs, created, updates };
};

describe('the certificate controller on the registry', () => {
  it('approves through /approval and issues through /status', async () => {
    const { store, csrs, created, updates } = await setup();
    await reconcileCsr([
      approveNodeClient({ writeApproval: writeCsrThrough(csrs, 'approval'), liveNode: noLiveNode, now }),
      signClientCertificates({
        writeStatus: writeCsrThrough(csrs, 'status'),
        sign: (pem, subject) => signClientCertificate(ca, pem, subject),
        now,
      }),
    ])(created);
    const stored = (await store.get(undefined, created.metadata.name!)) as CertificateSigningRequest;
    expect(stored.status!.conditions!.map((c) => [c.type, c.reason])).toEqual([['Approved', 'AutoApproved']]);
    const cert = new X509Certificate(decodePemField(stored.status!.certificate));
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(updates.map((a) => [a.subresource, a.user?.name])).toEqual([
      ['approval', CERTIFICATE_CONTROLLER],
      ['status', CERTIFICATE_CONTROLLER],
    ]);
  });

  it('is refused an approval through /status, which kube keeps for signers', async () => {
    const { csrs, created } = await setup();
    const approving = approveNodeClient({ writeApproval: writeCsrThrough(csrs, 'status'), liveNode: noLiveNode, now })(
      created,
    );
    const error = await approving.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(StatusError.is(error) && error.code).toBe(422);
  });
});
