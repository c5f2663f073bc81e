// Checks cluster-info's detached JWS (key jws-kubeconfig-<token id>), as kubeadm's token discovery
// does: HS256 over the kubeconfig with the token secret as key, proving the ConfigMap came from
// a holder of the token, i.e. the control plane the admin meant.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BootstrapToken } from './bootstrap-token';

export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned-for-token' | 'unsigned';

export const JWS_KEY_PREFIX = 'jws-kubeconfig-';

export function checkClusterInfoSignature(data: Record<string, string>, token: BootstrapToken): SignatureVerdict {
  const jws = data[`${JWS_KEY_PREFIX}${token.id}`];
  if (jws === undefined) {
    return Object.keys(data).some((k) => k.startsWith(JWS_KEY_PREFIX)) ? 'unsigned-for-token' : 'unsigned';
  }
  const [header, payload, signature] = jws.split('.');
  if (header === undefined || payload !== '' || signature === undefined) return 'invalid';
  try {
    const fields = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
    if (fields.alg !== 'HS256' || (fields.kid !== undefined && fields.kid !== token.id)) return 'invalid';
  } catch {
    return 'invalid';
  }
  const content = Buffer.from(data.kubeconfig ?? '', 'utf8').toString('base64url');
  const expected = createHmac('sha256', token.secret).update(`${header}.${content}`).digest();
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}

/** Signs as the control plane would; used by tests and fakes. */
export function signClusterInfo(kubeconfig: string, token: BootstrapToken): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: token.id })).toString('base64url');
  const content = Buffer.from(kubeconfig, 'utf8').toString('base64url');
  const signature = createHmac('sha256', token.secret).update(`${header}.${content}`).digest('base64url');
  return `${header}..${signature}`;
}
