// Reading and adding the conditions of a CertificateSigningRequest.
import { APPROVED, CertificateSigningRequest, CsrCondition, DENIED, FAILED } from '@kubenest/api/certificates';
import { metaTime } from '@kubenest/apimachinery';

export const hasCondition = (csr: CertificateSigningRequest, type: string): boolean =>
  (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export const isApproved = (csr: CertificateSigningRequest): boolean => hasCondition(csr, APPROVED);
export const isDenied = (csr: CertificateSigningRequest): boolean => hasCondition(csr, DENIED);
export const isFailed = (csr: CertificateSigningRequest): boolean => hasCondition(csr, FAILED);

/** Adds the condition (status True), replacing one of the same type. */
export const setCondition = (
  csr: CertificateSigningRequest,
  condition: Pick<CsrCondition, 'type' | 'reason' | 'message'>,
  now: Date,
): void => {
  const at = metaTime(now) as never;
  csr.status ??= {};
  const others = (csr.status.conditions ?? []).filter((c) => c.type !== condition.type);
  csr.status.conditions = [...others, { ...condition, status: 'True', lastUpdateTime: at, lastTransitionTime: at }];
};
