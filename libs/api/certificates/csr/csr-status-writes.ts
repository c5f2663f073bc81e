// How the /status and /approval subresources of a CertificateSigningRequest take a write, as
// kube's CSR status and approval strategies do: /status writes the certificate and the conditions
// but keeps Approved and Denied as they were; /approval writes the conditions only.
import { metaTime } from '@kubenest/apimachinery';
import { APPROVED, CertificateSigningRequest, CsrCondition, DENIED } from '../types';

/**
 * As kube's status strategy: a condition's status defaults to True, lastUpdateTime to now, and
 * lastTransitionTime to now unless the same condition kept its status.
 */
export const populateConditionTimes = (conditions: CsrCondition[], old: CsrCondition[], now: string): void => {
  for (const condition of conditions) {
    condition.status ||= 'True';
    condition.lastUpdateTime ??= now as never;
    if (condition.lastTransitionTime) continue;
    const before = old.find((c) => c.type === condition.type);
    condition.lastTransitionTime = (
      before && before.status === condition.status && before.lastTransitionTime ? before.lastTransitionTime : now
    ) as never;
  }
};

/**
 * Puts back the old Approved and Denied conditions where the write kept as many of them, so that
 * /status cannot edit a decision; adding or dropping one is left for validation to refuse.
 */
const keepDecisions = (conditions: CsrCondition[], old: CsrCondition[]): void => {
  for (const type of [APPROVED, DENIED]) {
    const positions = conditions.flatMap((c, i) => (c.type === type ? [i] : []));
    const before = old.filter((c) => c.type === type);
    if (positions.length !== before.length) continue;
    positions.forEach((position, i) => (conditions[position] = structuredClone(before[i])));
  }
};

export const prepareStatusUpdate = (csr: CertificateSigningRequest, old: CertificateSigningRequest): void => {
  const conditions = csr.status?.conditions ?? [];
  const oldConditions = old.status?.conditions ?? [];
  populateConditionTimes(conditions, oldConditions, metaTime());
  keepDecisions(conditions, oldConditions);
};

export const prepareApprovalUpdate = (csr: CertificateSigningRequest, old: CertificateSigningRequest): void => {
  const conditions = csr.status?.conditions;
  populateConditionTimes(conditions ?? [], old.status?.conditions ?? [], metaTime());
  const { conditions: _, ...rest } = old.status ?? {};
  if (conditions) csr.status = { ...rest, conditions };
  else if (old.status) csr.status = rest;
  else delete csr.status;
};
