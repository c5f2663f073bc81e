// Request bodies arrive as raw bytes (decoded later by Content-Type: JSON, YAML, protobuf,
// patches), at most 3 MiB as kube-apiserver allows; an oversized or broken body becomes a Status.
// Read here rather than by body-parser: its type, encoding and finish checks cost more than the
// whole read on the create path, and a Kubernetes body needs none of them.
import { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { writeStatus } from './status-response';

export const maxBodyBytes = 3 * 1024 * 1024;

const tooLarge = () => StatusError.tooLarge(`Request entity too large: limit is ${maxBodyBytes}`);

// The rest of a refused body is not read: the connection cannot carry another request.
const refuse = (res: ServerResponse, error: StatusError): void => writeStatus(res, error, { Connection: 'close' });

/** Whether the request says a body follows it: a Content-Length above 0, or a Transfer-Encoding. */
export const declaresBody = (req: IncomingMessage): boolean =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

const expectsContinue = (req: IncomingMessage): boolean => /\b100-continue\b/i.test(req.headers.expect ?? '');

export const rawBody = (req: IncomingMessage & { body?: Buffer }, res: ServerResponse, next: () => void): void => {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return next();
  if (Number(declared) > maxBodyBytes) return refuse(res, tooLarge());
  // The client waits for this before it sends the body (see FrontDoor).
  if (expectsContinue(req)) res.writeContinue();
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBodyBytes) return void chunks.push(chunk);
    req.off('data', onData);
    req.off('end', onEnd);
    refuse(res, tooLarge());
  };
  const onEnd = () => {
    req.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    next();
  };
  req.on('data', onData);
  req.once('end', onEnd);
  req.once('error', (e: Error) =>
    refuse(res, StatusError.badRequest(`the request body could not be read: ${e.message}`)),
  );
};
