// Maps an AuthenticationResult onto passport's verify callback (user, or false with a reason),
// so that the guard can tell wrong credentials (401 everywhere) from none (anonymous paths pass).
import { AuthenticationResult } from './authentication-result';
import { UserInfo } from './user-info';

/** What a failed strategy hands the guard: set when credentials were presented but rejected. */
export interface AuthenticationFailure {
  rejected?: string;
}

export type PassportVerdict = UserInfo | [false, AuthenticationFailure];

export const toPassportVerdict = (result: AuthenticationResult): PassportVerdict => {
  if (!result) return [false, {}];
  if ('user' in result) return result.user;
  return [false, { rejected: result.error }];
};
