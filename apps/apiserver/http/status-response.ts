// Every error as a Kubernetes Status response: StatusErrors as they are, Nest's and other errors
// that carry an HTTP status by that status, anything unexpected as a 500 with a correlation id in
// the log and never a stack trace in the response.
import { HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { apiJson, writeJson } from './json-response';

const fromHttpStatus = (code: number, message: string): StatusError => {
  switch (code) {
    case 400:
      return StatusError.badRequest(message);
    case 401:
      return StatusError.unauthorized(message);
    case 404:
      return new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    case 405:
      return StatusError.methodNotAllowed(message);
    case 413:
      return StatusError.tooLarge(message);
    case 415:
      return new StatusError(415, 'UnsupportedMediaType', message);
    default:
      return new StatusError(code, code >= 500 ? 'InternalError' : 'BadRequest', message);
  }
};

export const toStatusError = (error: unknown, logger: Logger): StatusError => {
  if (StatusError.is(error)) return error;
  if (error instanceof HttpException) return fromHttpStatus(error.getStatus(), error.message);
  const status =
    (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return fromHttpStatus(status, (error as Error).message);
  const id = randomUUID();
  logger.error(`internal error ${id}: ${(error as Error)?.stack ?? String(error)}`);
  return StatusError.internal(`an internal error occurred (correlation id ${id})`);
};

/**
 * Writes the Status, with Retry-After when it carries one; once a response has started (a watch,
 * a log) there is no status line left to change, so it only ends.
 */
export const writeStatus = (res: ServerResponse, status: StatusError, headers: Record<string, string> = {}): void => {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const retryAfter = status.details?.retryAfterSeconds;
  writeJson(res, status.code, apiJson(status.toStatus()), 'application/json', {
    ...(retryAfter ? { 'Retry-After': String(retryAfter) } : {}),
    ...headers,
  });
};
