// The certificate controller's reconcile: a chain of steps (approve node client requests, then sign
// approved ones), each on what the previous one wrote, writing through the subresource kube's
// csrapproving (/approval) and csrsigning (/status) controllers write through.
import { CertificateSigningRequest } from '@kubenest/api/certificates';
import type { ResourceInterface } from '@kubenest/client';
import { updateFresh } from '../loop';
import { CsrStep, WriteCsr } from './approve-node-client.step';

/** Writes a CSR through one of its subresources, on a fresh read. */
export const writeCsrThrough =
  (csrs: ResourceInterface<CertificateSigningRequest>, subresource: 'approval' | 'status'): WriteCsr =>
  (name, mutate) =>
    updateFresh(csrs, subresource)(undefined, name, mutate);

/** Runs the steps in order, each on what the previous one wrote. */
export const reconcileCsr =
  (steps: CsrStep[]) =>
  async (csr: CertificateSigningRequest): Promise<void> => {
    let current = csr;
    for (const step of steps) current = await step(current);
  };
