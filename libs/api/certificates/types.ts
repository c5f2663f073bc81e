// certificates.k8s.io/v1 CertificateSigningRequest as the registry stores it, and the names of
// its well-known signers, usages and conditions.
import type { ICertificateSigningRequest } from 'kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequest';
import type { ICertificateSigningRequestCondition } from 'kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequestCondition';
import { Kube } from '../common/kube-types';

export type CertificateSigningRequest = Kube<ICertificateSigningRequest>;
export type CsrCondition = ICertificateSigningRequestCondition;
export type KeyUsage = NonNullable<CertificateSigningRequest['spec']['usages']>[number];

/** Client certificates kubelets (here: node agents) authenticate to the apiserver with. */
export const KUBELET_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client-kubelet';
export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
export const KUBELET_SERVING_SIGNER = 'kubernetes.io/kubelet-serving';
/** v1beta1's default, refused by v1 as kube-apiserver refuses it. */
export const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';

export const APPROVED = 'Approved';
export const DENIED = 'Denied';
export const FAILED = 'Failed';

/** Every key usage the API accepts, as certificates/v1 lists them. */
export const KEY_USAGES: readonly KeyUsage[] = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
];

/** spec.request and status.certificate travel as base64 of the PEM text ([]byte in Go). */
export const decodePemField = (value: string | undefined): string =>
  value ? Buffer.from(value, 'base64').toString('utf8') : '';

export const encodePemField = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
