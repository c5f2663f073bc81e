// In-process clients acting as a user, for the loops and the apiserver's own informers: each call
// is authorized and admitted as an HTTP request from that user would be. A loop's identity is a
// service account's user name and gets the groups kube's service account authenticator gives.
import { InProcessClient, InProcessDeps } from '@kubenest/client/in-process';
import { serviceAccountGroups, SYSTEM_AUTHENTICATED } from '@kubenest/auth';
import type { ResourceClient } from '@kubenest/client';
import type { RequestUser } from '@kubenest/registry';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** The user an identity acts as: a service account's groups for 'system:serviceaccount:<ns>:<name>', else system:authenticated. */
export const userFor = (identity: string): RequestUser => {
  if (identity.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [namespace, name] = identity.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    if (namespace && name) return { name: identity, groups: serviceAccountGroups(namespace) };
  }
  return { name: identity, groups: [SYSTEM_AUTHENTICATED] };
};

export type ClientFor = (identity: string | RequestUser) => ResourceClient;

export const clientFor =
  (deps: InProcessDeps): ClientFor =>
  (identity) =>
    new InProcessClient(deps, typeof identity === 'string' ? userFor(identity) : identity);
