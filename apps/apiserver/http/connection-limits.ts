// How long a client may take to send its request, and what a connection may hold meanwhile, as
// kube-apiserver's HTTP server bounds them: a slow or silent client is cut off before it can hold
// the server's memory, while watches, logs and exec sessions (long answers, not long requests)
// last as long as they need. Options of Node's https.createServer.
import type { ServerOptions } from 'node:https';

export const connectionLimits = {
  // The TLS handshake, then the request's headers: 32 s each, kube-apiserver's ReadHeaderTimeout.
  handshakeTimeout: 32_000,
  headersTimeout: 32_000,
  // How often Node looks for requests past these limits (30 s by default, which would let a
  // slow client hold on for up to 62 s).
  connectionsCheckingInterval: 2_000,
  // The whole request, body included: kube-apiserver's default request timeout. Node counts only
  // until the request has arrived, so a watch's answer may last longer.
  requestTimeout: 60_000,
  // An idle keep-alive connection, as kube-apiserver's IdleTimeout (Go's client transport keeps
  // idle connections as long; a server closing them sooner races the client's next request).
  keepAliveTimeout: 90_000,
  // Node's default, well below kube-apiserver's 1 MiB: headers are read before anyone is
  // authenticated, and those of Kubernetes clients take a few hundred bytes. Past it, the client
  // gets a 431 Status (client-error.ts).
  maxHeaderSize: 16 * 1024,
} satisfies ServerOptions;
