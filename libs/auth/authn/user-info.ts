// Who made a request, as Kubernetes' authenticators describe a user (k8s.io/apiserver user.Info).

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const SYSTEM_MASTERS = 'system:masters';
export const SYSTEM_AUTHENTICATED = 'system:authenticated';
export const SYSTEM_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
/** The user the admin kubeconfig and admin token authenticate as. */
export const ADMIN_USER = 'kubenest-admin';

/** Every authenticated user is also in system:authenticated, once. */
export const authenticatedUser = (user: UserInfo): UserInfo => ({
  ...user,
  groups: user.groups.includes(SYSTEM_AUTHENTICATED) ? user.groups : [...user.groups, SYSTEM_AUTHENTICATED],
});

export const anonymousUser = (): UserInfo => ({ name: ANONYMOUS_USER, groups: [SYSTEM_UNAUTHENTICATED] });
