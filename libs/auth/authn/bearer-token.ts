// Reads the bearer token from the Authorization header the way kube-apiserver does: scheme
// case-insensitive, an empty token counts as no token.
import { AuthenticationRequest } from './authentication-result';

export function bearerTokenOf(request: AuthenticationRequest): string | undefined {
  const header = request.headers.authorization;
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const [scheme, token] = value.split(' ', 3);
  if (scheme.toLowerCase() !== 'bearer' || !token) return undefined;
  return token;
}
