// Answers for the requests Node's HTTP parser never hands to a request listener: malformed ones,
// those whose headers are too large or too slow, and CONNECT. Each gets a Status on the raw socket.
import { IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { StatusError } from '@kubenest/apimachinery';
import { connectionLimits } from './connection-limits';
import { apiJson } from './json-response';

// As Go's server does after an error answer (its rstAvoidanceDelay): the client may still be
// sending; closing with its bytes unread would reset the connection and could lose the answer.
const LINGER_MS = 500;

/** llhttp's reasons are fixed phrases ("Invalid method encountered"), never request bytes; anything else is left out. */
const parserReason = (error: NodeJS.ErrnoException & { reason?: unknown }): string =>
  typeof error.reason === 'string' && /^[\w '-]{1,80}$/.test(error.reason) ? `: ${error.reason}` : '';

/** The Status for a parse error or a request timeout; undefined for anything else (a reset, a TLS error). */
export const clientErrorStatus = (error: NodeJS.ErrnoException): StatusError | undefined => {
  const { code = '' } = error;
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new StatusError(
      431,
      'RequestHeaderFieldsTooLarge',
      `the request line and headers exceed ${connectionLimits.maxHeaderSize} bytes`,
    );
  }
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return StatusError.tooLarge('the chunk extensions are too large');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = (ms: number) => `${ms / 1000} s`;
    return new StatusError(
      408,
      'Timeout',
      `the request did not arrive in time: its headers are due within ${seconds(connectionLimits.headersTimeout)}, ` +
        `all of it within ${seconds(connectionLimits.requestTimeout)}`,
    );
  }
  if (code.startsWith('HPE_')) return StatusError.badRequest(`malformed HTTP request${parserReason(error)}`);
  return undefined;
};

const rawResponse = (status: StatusError): string => {
  const body = apiJson(status.toStatus());
  return (
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? 'Error'}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
};

/** Writes the answer and closes our side; whatever the client still sends is read and dropped until it closes, or the linger ends. */
const answerAndClose = (socket: Duplex, status: StatusError): void => {
  socket.end(rawResponse(status));
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
};

/**
 * The server's 'clientError' listener. Node's own answers (a bare 400 or 431) are replaced by a
 * Status; errors that are not about the request (a reset, a failed TLS record) get no answer. A
 * response already under way on the connection (a watch, a pipelined request) is not interrupted
 * by a second status line: the connection only closes.
 */
export const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex): void => {
  // Answered already: a later error on the closing connection needs no second answer.
  if (socket.writableEnded || socket.destroyed) return;
  const status = clientErrorStatus(error);
  // What Node itself checks before answering: the response in flight on this connection, if any.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (!status || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  answerAndClose(socket, status);
};

/**
 * The server's 'connect' listener: CONNECT is a method no path of the API takes (kube's pods/proxy
 * connects with GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS, never CONNECT), so it gets the
 * 405 any other unsupported method does, whoever sends it and to whatever path. Without a listener
 * Node drops the connection unanswered. Whatever follows the headers is dropped unread.
 */
export const refuseConnect = (_req: IncomingMessage, socket: Duplex): void => {
  // Node has let go of the socket: an error on it (a reset) would otherwise go unhandled.
  socket.on('error', () => socket.destroy());
  answerAndClose(
    socket,
    StatusError.methodNotAllowed('the server does not allow this method on the requested resource'),
  );
};
