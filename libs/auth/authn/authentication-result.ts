// What one authenticator concludes about a request, as Kubernetes' authenticator.Request does:
// a user, credentials of its kind that are wrong, or no credentials of its kind at all (null).
import { UserInfo } from './user-info';

export type AuthenticationResult = { user: UserInfo } | { error: string } | null;

/** The request fields authenticators read; an Express request satisfies it. */
export interface AuthenticationRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: unknown;
}
