// The certificate loop, declared on the kit: each certificate signing request that changed is
// approved when it is a node's client request (none for a live node's name) and signed once
// approved, as kube-controller-manager's csrapproving and csrsigning controllers do under the
// certificate-controller service account.
import { CertificateSigningRequest } from '@kubenest/api/certificates';
import { controllerServiceAccount } from '@kubenest/auth/authz/controller-policy';
import { resources } from '@kubenest/client';
import { CertificateAuthority, signClientCertificate } from '@kubenest/pki';
import { defineLoop, ignoreNotFound, Loop } from '../loop';
import { approveNodeClient, CsrStep } from './approve-node-client.step';
import { reconcileCsr, writeCsrThrough } from './certificate.reconciler';
import { NodeLiveness } from './node-liveness';
import { signClientCertificates, SignRequest } from './sign-client-certificate.step';

export const CERTIFICATE_CONTROLLER = controllerServiceAccount('certificate-controller');

export interface CertificateLoopOptions {
  ca: CertificateAuthority;
  /** Whether a node asked for is live, as this apiserver's lease observer saw its Lease renewed. */
  liveNode: NodeLiveness;
  now?: () => Date;
  /** Whether it does kube's csrapproving controller's work (default: yes). */
  approve?: boolean;
  /** Whether it does kube's csrsigning controller's work (default: yes). */
  sign?: boolean;
}

export const certificateLoop = (options: CertificateLoopOptions): Loop =>
  defineLoop<CertificateSigningRequest>({
    name: 'certificate',
    identity: CERTIFICATE_CONTROLLER,
    for: resources.certificateSigningRequests,
    reconcile: ({ client, logger }) => {
      const now = options.now ?? (() => new Date());
      const csrs = client.resource<CertificateSigningRequest>(resources.certificateSigningRequests);
      const sign: SignRequest = (requestPem, subject) => signClientCertificate(options.ca, requestPem, subject);
      const steps: CsrStep[] = [];
      if (options.approve !== false)
        steps.push(
          approveNodeClient({
            writeApproval: writeCsrThrough(csrs, 'approval'),
            liveNode: options.liveNode,
            now,
            logger,
          }),
        );
      if (options.sign !== false)
        steps.push(signClientCertificates({ writeStatus: writeCsrThrough(csrs, 'status'), sign, now, logger }));
      return ignoreNotFound(reconcileCsr(steps));
    },
  });
