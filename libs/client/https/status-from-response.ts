// An HTTP error answer as the StatusError it stands for: the server's Status as it sent it (code,
// reason, message, details), or, for a body that is no Status (a proxy's page), one made from
// the HTTP code as client-go's NewGenericServerResponse makes it.
import { Status, StatusError, StatusReason } from '@kubenest/apimachinery';

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The most of a non-Status body quoted in the error's message. */
const QUOTED_CHARS = 200;

const reasonFor = (code: number): StatusReason =>
  REASON_BY_CODE[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');

const isStatus = (body: unknown): body is Partial<Status> =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';

/** A Status object (from a body or an ERROR watch event) as a StatusError; httpCode fills a missing code. */
export function statusErrorFromStatus(status: Partial<Status>, httpCode = 500): StatusError {
  const code = typeof status.code === 'number' && status.code > 0 ? status.code : httpCode;
  return new StatusError(
    code,
    status.reason || reasonFor(code),
    typeof status.message === 'string' && status.message ? status.message : `HTTP ${code}`,
    status.details,
  );
}

export function statusErrorFromResponse(httpCode: number, body: string): StatusError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (isStatus(parsed)) return statusErrorFromStatus(parsed, httpCode);
  return new StatusError(httpCode, reasonFor(httpCode), body.trim().slice(0, QUOTED_CHARS) || `HTTP ${httpCode}`);
}
