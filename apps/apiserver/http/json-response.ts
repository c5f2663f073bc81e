// Every JSON body the server writes, shaped as kube-apiserver writes it: API objects (objects, lists,
// Status, tables, discovery) as its serializer encodes them, with Go's json.Encoder, compact and
// ending in a newline; other documents (OpenAPI, /version) as they are given.
import { ServerResponse } from 'node:http';

/** JSON already serialised, as kube's serializer ends it: one newline. */
export const apiBody = (json: string): string => `${json}\n`;

/** An API object's body (object, list, Status, Table, discovery document). */
export const apiJson = (value: unknown): string => apiBody(JSON.stringify(value));

/**
 * Writes a JSON body with an exact Content-Type: Express's res.json would append "; charset=utf-8",
 * and kubectl matches the aggregated discovery media type exactly.
 */
export const writeJson = (
  res: ServerResponse,
  code: number,
  body: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void => {
  res.writeHead(code, { 'Content-Type': contentType, ...headers });
  res.end(body);
};
