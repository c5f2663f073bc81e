// The limits reach Node's HTTPS server as kube-apiserver's: idle keep-alive connections kept 90 s
// (Node's default 5 s made every 10 s client loop pay a new TLS handshake), while the slow-loris
// bounds on a request's headers and body stay.
import { createServer } from 'node:https';
import { connectionLimits } from './connection-limits';

describe('connection limits', () => {
  it("are the HTTPS server's own settings", () => {
    const server = createServer({ ...connectionLimits });
    expect({
      keepAliveTimeout: server.keepAliveTimeout,
      headersTimeout: server.headersTimeout,
      requestTimeout: server.requestTimeout,
    }).toEqual({ keepAliveTimeout: 90_000, headersTimeout: 32_000, requestTimeout: 60_000 });
  });
});
