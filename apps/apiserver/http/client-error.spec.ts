// What a client gets for a request Node's HTTP parser refuses, or for CONNECT: a Status on the raw
// socket, the connection closed, nothing of the request echoed; and no answer at all for errors
// that are not about the request. On a real HTTP server over TCP, so the parser is Node's own.
import { createServer, Server, ServerOptions } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { Duplex, PassThrough } from 'node:stream';
import { answerClientError, clientErrorStatus, refuseConnect } from './client-error';
import { connectionLimits } from './connection-limits';

interface RawAnswer {
  statusLine: string;
  headers: string;
  body: string;
}

const parse = (raw: string): RawAnswer => {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine, headers: headers.join('\n'), body: rest.join('\r\n\r\n') };
};

/** Sends raw bytes; resolves with everything the server wrote before it closed the connection. */
const sendRaw = (server: Server, ...chunks: string[]): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
  });

describe('answers to requests the HTTP parser refuses', () => {
  let server: Server;
  const requests: string[] = [];

  const start = async (options: ServerOptions = {}) => {
    server = createServer({ maxHeaderSize: connectionLimits.maxHeaderSize, ...options }, (req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/stream') res.writeHead(200).write('first part');
      else res.end('served');
    });
    server.on('clientError', answerClientError);
    server.on('connect', refuseConnect);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  };

  afterEach(async () => {
    requests.length = 0;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers headers past the limit with a 431 Status, then serves the next connection', async () => {
    await start();
    const answer = parse(
      await sendRaw(server, `GET /version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`),
    );
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers).toMatch(/Content-Type: application\/json\nContent-Length: \d+\nConnection: close/);
    expect(JSON.parse(answer.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the request line and headers exceed 16384 bytes',
      reason: 'RequestHeaderFieldsTooLarge',
      code: 431,
    });
    expect(parse(await sendRaw(server, 'GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).body).toBe(
      'served',
    );
    expect(requests).toEqual(['GET /version']);
  });

  it.each([
    { name: 'a garbage request line', raw: 'secret-token-in-garbage\r\n\r\n', reason: 'Invalid method encountered' },
    {
      name: 'a control character in the path',
      raw: 'GET /secret\x01token HTTP/1.1\r\n\r\n',
      reason: 'Invalid char in url path',
    },
    {
      name: 'both Content-Length and Transfer-Encoding',
      raw: 'POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
      reason: "Transfer-Encoding can't be present with Content-Length",
    },
  ])('answers $name with a 400 Status that echoes none of it', async ({ raw, reason }) => {
    await start();
    const text = await sendRaw(server, raw);
    const answer = parse(text);
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message: `malformed HTTP request: ${reason}`,
    });
    expect(text).not.toMatch(/secret/);
    expect(requests).toEqual([]);
  });

  it('answers headers that take too long with a 408 Status', async () => {
    await start({ headersTimeout: 200, requestTimeout: 400, connectionsCheckingInterval: 50 });
    const answer = parse(await sendRaw(server, 'GET /version HTTP/1.1\r\nHost: x\r\n'));
    expect(answer.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      reason: 'Timeout',
      code: 408,
      message: 'the request did not arrive in time: its headers are due within 32 s, all of it within 60 s',
    });
  });

  it('answers CONNECT with a 405 Status, to any path, and hands it to no handler', async () => {
    await start();
    for (const path of ['/api/v1/namespaces/default/pods/p/proxy', 'example.com:443']) {
      const answer = parse(await sendRaw(server, `CONNECT ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, 'tunnelled bytes'));
      expect(answer.statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
      expect(JSON.parse(answer.body)).toMatchObject({
        kind: 'Status',
        reason: 'MethodNotAllowed',
        code: 405,
        message: 'the server does not allow this method on the requested resource',
      });
    }
    expect(requests).toEqual([]);
  });

  it('adds no status line to a response already under way on the connection', async () => {
    await start();
    const text = await new Promise<string>((resolve) => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () =>
        socket.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let answer = '';
      socket.on('data', (d: Buffer) => {
        // The response has begun: the next request on the connection is garbage.
        if (!answer) socket.write('garbage\r\n\r\n');
        answer += d.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(answer));
    });
    expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200']);
    expect(text).not.toMatch(/Status/);
  });
});

describe('clientErrorStatus', () => {
  const error = (code: string, reason?: string) => Object.assign(new Error(code), { code, reason });

  it.each([
    ['ECONNRESET', undefined],
    ['EPIPE', undefined],
    ['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', undefined],
    ['HPE_HEADER_OVERFLOW', 431],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_VERSION', 400],
  ])('%s: %s', (code, status) => {
    expect(clientErrorStatus(error(code))?.code).toBe(status);
  });

  it('quotes only a parser reason made of plain words', () => {
    expect(clientErrorStatus(error('HPE_INVALID_METHOD', 'Invalid method encountered'))?.message).toBe(
      'malformed HTTP request: Invalid method encountered',
    );
    expect(clientErrorStatus(error('HPE_INVALID_METHOD', 'Bearer abc.def/ghi'))?.message).toBe(
      'malformed HTTP request',
    );
  });
});

describe('answerClientError', () => {
  const socket = (): Duplex & { written: string } => {
    const s = Object.assign(new PassThrough(), { written: '' });
    s.on('data', (d: Buffer) => (s.written += d.toString()));
    return s;
  };

  it.each(['ECONNRESET', 'ERR_SSL_WRONG_VERSION_NUMBER'])('writes nothing after %s and closes', (code) => {
    const s = socket();
    answerClientError(Object.assign(new Error(code), { code }), s);
    expect(s.destroyed).toBe(true);
    expect(s.written).toBe('');
  });

  it('writes nothing to a socket already gone', () => {
    const s = socket();
    s.destroy();
    expect(() => answerClientError(Object.assign(new Error('x'), { code: 'HPE_INVALID_METHOD' }), s)).not.toThrow();
    expect(s.written).toBe('');
  });
});
