// The certificate controller: fed by the CSR watch cache, each request that changed goes through
// the queue and a chain of steps (approve node client requests, then sign approved ones), writing
// through the registry as its own user, as kube-controller-manager's csrapproving (via /approval)
// and csrsigning (via /status) controllers do.
import { Logger } from '@nestjs/common';
import { CertificateSigningRequest } from '@kubenest/api/certificates';
import { StatusError } from '@kubenest/apimachinery';
import { CertificateAuthority, signClientCertificate } from '@kubenest/pki';
import { GenericStore, RequestUser, ResourceEntry, WriteSubresource } from '@kubenest/registry';
import { cachedGetter, startInformer } from '../informer';
import { WorkQueue } from '../queue';
import { approveNodeClient, CsrStep, WriteCsr } from './approve-node-client.step';
import { LeaseRenewals, nodeLiveness } from './node-liveness';
import { signClientCertificates, SignRequest } from './sign-client-certificate.step';

/** The identity the controller writes with, as kube's certificate-controller service account. */
export const CERTIFICATE_CONTROLLER_USER: RequestUser = {
  name: 'system:serviceaccount:kube-system:certificate-controller',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
};

export interface CertificateControllerDeps {
  /** The certificatesigningrequests store and cache. */
  csrs: ResourceEntry;
  /** The nodes, and the renewals of their leases, that tell whether a node asked for is live. */
  nodes: ResourceEntry;
  leases: LeaseRenewals;
  ca: CertificateAuthority;
  now?: () => Date;
}

export interface CertificateController {
  /** Resolves once every queued request has been handled (for tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** Writes a CSR through one of its subresources as the controller, on a fresh read. */
export const writeCsrThrough =
  (store: GenericStore, subresource: WriteSubresource): WriteCsr =>
  async (name, mutate) =>
    (
      await store.update(
        undefined,
        name,
        (current) => {
          mutate(current as CertificateSigningRequest);
          return current!;
        },
        { subresource, user: CERTIFICATE_CONTROLLER_USER },
      )
    ).object as CertificateSigningRequest;

/** Runs the steps in order, each on what the previous one wrote. */
export const reconcileCsr =
  (steps: CsrStep[]) =>
  async (csr: CertificateSigningRequest): Promise<void> => {
    let current = csr;
    for (const step of steps) current = await step(current);
  };

export const startCertificateController = (deps: CertificateControllerDeps): CertificateController => {
  const logger = new Logger('CertificateController');
  const { csrs } = deps;
  const now = deps.now ?? (() => new Date());
  const sign: SignRequest = (requestPem, subject) => signClientCertificate(deps.ca, requestPem, subject);
  const liveNode = nodeLiveness({ getNode: cachedGetter(deps.nodes), leases: deps.leases });
  const reconcile = reconcileCsr([
    approveNodeClient({ writeApproval: writeCsrThrough(csrs.store, 'approval'), liveNode, now, logger }),
    signClientCertificates({ writeStatus: writeCsrThrough(csrs.store, 'status'), sign, now, logger }),
  ]);

  const queue = new WorkQueue(
    async (name) => {
      const csr = csrs.cache.get(csrs.store.key(undefined, name)) as CertificateSigningRequest | undefined;
      if (!csr) return;
      try {
        await reconcile(csr);
      } catch (e) {
        // Deleted meanwhile: nothing left to do.
        if (StatusError.is(e) && e.code === 404) return;
        throw e;
      }
    },
    { onError: (name, e) => logger.warn(`${name}: ${(e as Error).message}`) },
  );
  const informer = startInformer(csrs.cache, (type, obj) => {
    if (type !== 'DELETED') queue.add(obj.metadata.name!);
  });
  return {
    idle: () => queue.idle(),
    stop: () => {
      informer.stop();
      queue.stop();
    },
  };
};
