// How an HTTPS client reaches and proves itself to the API server, as a kubeconfig's cluster and
// user entries say it: the server URL, the cluster CA, a client certificate or a bearer token.

export interface HttpsClientConfig {
  /** https://host:port, optionally with a path prefix. */
  server: string;
  /** PEM of the only CA trusted for the server's certificate. */
  caPem?: string;
  /**
   * Accept any server certificate. Only for reading the public cluster-info before its CA is
   * pinned (kubeadm's token discovery); never with credentials worth stealing.
   */
  insecureSkipTlsVerify?: boolean;
  certPem?: string;
  keyPem?: string;
  bearerToken?: string;
  userAgent?: string;
  /** Keep-alive connections for requests (watches have their own); simulated nodes use 1 each. */
  maxSockets?: number;
  /** A request whose connection stays silent this long fails (default 30 s). */
  timeoutMs?: number;
  /** The longest watch event line accepted (default MAX_WATCH_LINE_BYTES). */
  maxWatchLineBytes?: number;
  /** A watch silent this long is taken as a dead connection and resumed (default WATCH_IDLE_TIMEOUT_MS). */
  watchIdleTimeoutMs?: number;
}
