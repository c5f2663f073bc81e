// The API as any identity, in this process: each client is authorized by the Authorizer in force
// and admitted by the chain, as an HTTP request from that identity would be.
import { FactoryProvider } from '@nestjs/common';
import { AUTHORIZER, Authorizer, SYSTEM_AUTHENTICATED, serviceAccountGroups } from '@kubenest/auth';
import { InProcessClient, InProcessDeps } from '@kubenest/client/in-process';
import { RequestUser, ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';

/** The token of the `clientFor` factory. */
export const CLIENT_FOR = Symbol('clientFor');

/** A user name, or a whole user with its groups. */
export type Identity = string | RequestUser;

export type ClientFor = (identity: Identity) => InProcessClient;

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):[^:]+$/;

/** The groups kube's authenticators give a user name alone: a service account's, else everyone's. */
export const userFor = (identity: Identity): RequestUser => {
  if (typeof identity !== 'string') return identity;
  const namespace = SERVICE_ACCOUNT.exec(identity)?.[1];
  return { name: identity, groups: namespace ? serviceAccountGroups(namespace) : [SYSTEM_AUTHENTICATED] };
};

export const clientFor =
  (deps: InProcessDeps): ClientFor =>
  (identity) =>
    new InProcessClient(deps, userFor(identity));

export const clientForProvider: FactoryProvider<ClientFor> = {
  provide: CLIENT_FOR,
  useFactory: (
    registry: ResourceRegistry,
    stores: ResourceStores,
    handler: ResourceHandler,
    authorizer: Authorizer,
  ): ClientFor => clientFor({ registry, stores, handler, authorizer }),
  inject: [ResourceRegistry, ResourceStores, ResourceHandler, AUTHORIZER],
};
