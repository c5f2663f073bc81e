import { StatusError } from '@kubenest/apimachinery';
import { KUBE_APISERVER_CLIENT_SIGNER, KUBELET_CLIENT_SIGNER, encodePemField } from '@kubenest/api/certificates';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import { AdmissionAttributes } from '@kubenest/registry';
import { CertificateSubjectRestriction } from './certificate-subject-restriction';

const csrKind = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
};

const attributes = async (
  subject: string,
  over: Partial<AdmissionAttributes> & { signerName?: string; request?: string } = {},
): Promise<AdmissionAttributes> => {
  const { signerName = KUBE_APISERVER_CLIENT_SIGNER, request, ...rest } = over;
  const object = makeCsr(await makeRequestPem(subject), { signerName, usages: ['client auth'] }, 'c');
  if (request !== undefined) object.spec.request = request;
  return { operation: 'CREATE', kind: csrKind, name: 'c', dryRun: false, object, ...rest };
};

describe('CertificateSubjectRestriction', () => {
  const plugin = new CertificateSubjectRestriction();

  it.each([
    { name: 'system:masters', subject: 'CN=mallory, O=system:masters', allowed: false },
    { name: 'system:masters among other groups', subject: 'CN=mallory, O=dev, O=system:masters', allowed: false },
    { name: 'other groups', subject: 'CN=alice, O=dev, O=ops', allowed: true },
    { name: 'no group', subject: 'CN=alice', allowed: true },
    { name: 'a group that only looks alike', subject: 'CN=alice, O=system:masters-readers', allowed: true },
    {
      name: 'system:masters for another signer',
      subject: 'CN=mallory, O=system:masters',
      over: { signerName: KUBELET_CLIENT_SIGNER },
      allowed: true,
    },
    {
      name: 'an update',
      subject: 'CN=mallory, O=system:masters',
      over: { operation: 'UPDATE' as const },
      allowed: true,
    },
    {
      name: 'a delete',
      subject: 'CN=mallory, O=system:masters',
      over: { operation: 'DELETE' as const },
      allowed: true,
    },
    {
      name: 'a write to /approval',
      subject: 'CN=mallory, O=system:masters',
      over: { operation: 'UPDATE' as const, subresource: 'approval' },
      allowed: true,
    },
    {
      name: 'another kind',
      subject: 'CN=mallory, O=system:masters',
      over: { kind: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps' } },
      allowed: true,
    },
    {
      name: 'a request that does not parse, left to validation',
      subject: 'CN=mallory, O=system:masters',
      over: {
        request: encodePemField('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'),
      },
      allowed: true,
    },
  ])('$name → allowed $allowed', async ({ subject, over, allowed }) => {
    const outcome = await plugin.validate(await attributes(subject, over)).then(
      () => true,
      (e: unknown) => {
        expect(StatusError.is(e) && e.code).toBe(403);
        return false;
      },
    );
    expect(outcome).toBe(allowed);
  });

  it('says which signer and group are refused, as kube-apiserver does', async () => {
    await expect(plugin.validate(await attributes('CN=mallory, O=system:masters'))).rejects.toThrow(
      'certificatesigningrequests.certificates.k8s.io "c" is forbidden: ' +
        'use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    );
  });
});
