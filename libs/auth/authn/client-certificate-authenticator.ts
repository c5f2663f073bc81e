// x509 client-certificate authentication: the TLS server asks for a certificate and verifies it
// against the cluster CA (requestCert, rejectUnauthorized false); here a verified one becomes a
// user, CN the name and each O a group, as kube-apiserver's x509 authenticator maps it.
import type { PeerCertificate } from 'node:tls';
import { AuthenticationRequest, AuthenticationResult } from './authentication-result';

const CLIENT_AUTH_USAGE = '1.3.6.1.5.5.7.3.2';

/** The parts of a tls.TLSSocket this reads. */
interface ClientCertificateSocket {
  authorized?: boolean;
  authorizationError?: Error | string;
  getPeerCertificate(detailed?: boolean): Partial<PeerCertificate> | null;
}

const isTlsSocket = (socket: unknown): socket is ClientCertificateSocket =>
  typeof (socket as ClientCertificateSocket | undefined)?.getPeerCertificate === 'function';

const values = (field: string | string[] | undefined): string[] =>
  field === undefined ? [] : Array.isArray(field) ? field : [field];

export function authenticateClientCertificate(request: AuthenticationRequest): AuthenticationResult {
  if (!isTlsSocket(request.socket)) return null;
  const socket = request.socket;
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return null;

  // Kubernetes fails the TLS handshake here; we answer 401 instead, with the same cause logged.
  if (!socket.authorized) return { error: `x509: ${String(socket.authorizationError ?? 'certificate not verified')}` };
  const usages = peer.ext_key_usage;
  if (usages && !usages.includes(CLIENT_AUTH_USAGE))
    return { error: 'x509: certificate is not for client authentication' };

  const [name] = values(peer.subject?.CN as string | string[] | undefined);
  // No common name: not an identity, so the request is treated as carrying no certificate.
  if (!name) return null;
  return { user: { name, groups: values(peer.subject?.O as string | string[] | undefined) } };
}
