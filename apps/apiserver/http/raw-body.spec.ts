// The raw body reader: bytes as they came, nothing for a request without a body, and a 413
// Status for a body over the limit, whether it says its length up front or streams it.
import { PassThrough } from 'node:stream';
import { IncomingMessage, ServerResponse } from 'node:http';
import { maxBodyBytes, rawBody } from './raw-body';

const request = (headers: Record<string, string>) =>
  Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & { body?: Buffer };

const response = () => {
  const sent: { code?: number; body?: string } = {};
  const res = {
    headersSent: false,
    writeHead: (code: number) => (sent.code = code),
    end: (body: string) => (sent.body = body),
  } as unknown as ServerResponse;
  return { res, sent };
};

describe('rawBody', () => {
  it('hands on a body in several chunks as one buffer', async () => {
    const req = request({ 'transfer-encoding': 'chunked' });
    const { res } = response();
    const next = new Promise<void>((resolve) => rawBody(req, res, () => resolve()));
    const stream = req as unknown as PassThrough;
    stream.write(Buffer.from('{"a":'));
    stream.end(Buffer.from('1}'));
    await next;
    expect((req.body as Buffer).toString()).toBe('{"a":1}');
  });

  it('leaves the body unset when the request has none', () => {
    const req = request({});
    const next = jest.fn();
    rawBody(req, response().res, next);
    expect(next).toHaveBeenCalled();
    expect(req.body).toBeUndefined();
  });

  it('answers 413 to a declared length over the limit without reading', () => {
    const { res, sent } = response();
    const next = jest.fn();
    rawBody(request({ 'content-length': String(maxBodyBytes + 1) }), res, next);
    expect(next).not.toHaveBeenCalled();
    expect(sent.code).toBe(413);
    expect(JSON.parse(sent.body!)).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
  });

  it('answers 413 when a streamed body passes the limit', () => {
    const req = request({ 'transfer-encoding': 'chunked' });
    const { res, sent } = response();
    const next = jest.fn();
    rawBody(req, res, next);
    const stream = req as unknown as PassThrough;
    stream.write(Buffer.alloc(maxBodyBytes));
    stream.write(Buffer.alloc(1));
    stream.end();
    expect(next).not.toHaveBeenCalled();
    expect(sent.code).toBe(413);
  });

  it('tells a client that waits for it to send the body, once the body is wanted', () => {
    const req = request({ 'content-length': '2', expect: '100-continue' });
    const writeContinue = jest.fn();
    rawBody(req, Object.assign(response().res, { writeContinue }), jest.fn());
    expect(writeContinue).toHaveBeenCalledTimes(1);
  });

  it('refuses a waiting client’s body over the limit without inviting it', () => {
    const req = request({ 'content-length': String(maxBodyBytes + 1), expect: '100-continue' });
    const writeContinue = jest.fn();
    const { res, sent } = response();
    rawBody(req, Object.assign(res, { writeContinue }), jest.fn());
    expect(writeContinue).not.toHaveBeenCalled();
    expect(sent.code).toBe(413);
  });
});
