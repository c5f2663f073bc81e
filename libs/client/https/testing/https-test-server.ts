// A small HTTPS server on 127.0.0.1 for the client's unit tests: a CA, a serving certificate and a
// client certificate made for the run; each test answers requests with its own handler and reads
// what was sent.
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { createCertificateAuthority } from '@kubenest/pki/certificate-authority';
import { issueCertificateAndKey } from '@kubenest/pki/issue-certificate';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** The common name of the client certificate, when one was presented. */
  clientCommonName?: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  caPem: string;
  client: { certPem: string; keyPem: string };
  seen: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const ca = await createCertificateAuthority('test-ca');
  const serving = await issueCertificateAndKey(ca, {
    commonName: '127.0.0.1',
    hosts: ['127.0.0.1'],
    usages: ['server'],
    days: 1,
  });
  const client = await issueCertificateAndKey(ca, { commonName: 'system:node:n1', usages: ['client'], days: 1 });
  const seen: SeenRequest[] = [];
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  const server: Server = createServer(
    { cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const request: SeenRequest = {
          method: req.method ?? '',
          url: new URL(req.url ?? '/', 'https://127.0.0.1'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          clientCommonName: peer?.subject?.CN as string | undefined,
        };
        seen.push(request);
        handler(request, res);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caPem: ca.certPem,
    client,
    seen,
    handle: (h) => (handler = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer with the given code. */
export const answer = (res: ServerResponse, code: number, body: unknown) =>
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
