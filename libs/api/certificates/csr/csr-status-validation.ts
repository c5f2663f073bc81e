// Validation of a CertificateSigningRequest's status writes, as certificates/v1 does it: one
// condition per type, Approved and Denied exclusive and added only through /approval, none of
// Approved, Denied and Failed ever removed; the certificate set once, through /status, once approved.
import { duplicate, FieldError, forbidden, invalid, notSupported, required } from '@kubenest/apimachinery';
import { certificateProblem } from './pem-blocks';
import { APPROVED, CertificateSigningRequest, CsrCondition, decodePemField, DENIED, FAILED } from '../types';

const CONDITION_STATUSES = ['True', 'False', 'Unknown'];
/** Conditions that only make sense as True, as kube allows them. */
const TRUE_ONLY = [APPROVED, DENIED, FAILED];
const DECISIONS = [APPROVED, DENIED];

/** What the subresource being written may change beyond the other conditions. */
interface StatusWrite {
  /** /approval: Approved and Denied conditions may be added. */
  decisions: boolean;
  /** /status: the certificate may be set. */
  certificate: boolean;
}

const conditionsOf = (csr: CertificateSigningRequest): CsrCondition[] => csr.status?.conditions ?? [];

const conditionsOfType = (csr: CertificateSigningRequest, type: string): CsrCondition[] =>
  conditionsOf(csr).filter((c) => c.type === type);

const isApproved = (csr: CertificateSigningRequest): boolean =>
  conditionsOf(csr).some((c) => c.type === APPROVED && c.status === 'True');

const validateConditions = (csr: CertificateSigningRequest): FieldError[] => {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, condition] of conditionsOf(csr).entries()) {
    const path = `status.conditions[${i}]`;
    if (!condition.type) errs.push(required(`${path}.type`));
    const statuses = TRUE_ONLY.includes(condition.type) ? ['True'] : CONDITION_STATUSES;
    if (!condition.status) errs.push(required(`${path}.status`));
    else if (!statuses.includes(condition.status))
      errs.push(notSupported(`${path}.status`, condition.status, statuses));
    const other = condition.type === APPROVED ? DENIED : condition.type === DENIED ? APPROVED : undefined;
    if (other && seen.has(other)) {
      errs.push(invalid(`${path}.type`, condition.type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (seen.has(condition.type)) errs.push(duplicate(`${path}.type`, condition.type));
    seen.add(condition.type);
  }
  return errs;
};

const validateConditionChanges = (
  csr: CertificateSigningRequest,
  old: CertificateSigningRequest,
  write: StatusWrite,
): FieldError[] => {
  const errs: FieldError[] = [];
  for (const type of TRUE_ONLY) {
    if (conditionsOfType(csr, type).length < conditionsOfType(old, type).length) {
      errs.push(forbidden('status.conditions', `updates may not remove a condition of type "${type}"`));
    }
  }
  if (write.decisions) return errs;
  for (const type of DECISIONS) {
    const before = conditionsOfType(old, type);
    const after = conditionsOfType(csr, type);
    if (after.length > before.length) {
      errs.push(forbidden('status.conditions', `updates may not add a condition of type "${type}"`));
    } else if (after.length === before.length && JSON.stringify(after) !== JSON.stringify(before)) {
      errs.push(forbidden('status.conditions', `updates may not modify a condition of type "${type}"`));
    }
  }
  return errs;
};

const validateCertificate = (
  csr: CertificateSigningRequest,
  old: CertificateSigningRequest,
  write: StatusWrite,
): FieldError[] => {
  const certificate = csr.status?.certificate ?? '';
  const previous = old.status?.certificate ?? '';
  if (certificate === previous) return [];
  if (!write.certificate) return [forbidden('status.certificate', 'updates may not set certificate content')];
  if (previous) return [forbidden('status.certificate', 'updates may not modify existing certificate content')];
  if (!isApproved(csr)) return [forbidden('status.certificate', 'may only be set once the request is Approved')];
  const problem = certificateProblem(decodePemField(certificate));
  return problem ? [invalid('status.certificate', '<certificate data>', problem)] : [];
};

const validateStatusWrite = (
  csr: CertificateSigningRequest,
  old: CertificateSigningRequest,
  write: StatusWrite,
): FieldError[] => [
  ...validateConditions(csr),
  ...validateConditionChanges(csr, old, write),
  ...validateCertificate(csr, old, write),
];

/** A write through /status: the certificate and conditions other than Approved and Denied. */
export const validateCsrStatusUpdate = (csr: CertificateSigningRequest, old: CertificateSigningRequest) =>
  validateStatusWrite(csr, old, { decisions: false, certificate: true });

/** A write through /approval: the conditions, Approved and Denied included. */
export const validateCsrApprovalUpdate = (csr: CertificateSigningRequest, old: CertificateSigningRequest) =>
  validateStatusWrite(csr, old, { decisions: true, certificate: false });
