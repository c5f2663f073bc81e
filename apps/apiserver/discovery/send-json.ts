// Writes a JSON body with an exact Content-Type: Express's res.json would append "; charset=utf-8",
// and kubectl matches the aggregated discovery media type exactly.
import type { Response } from 'express';

export function sendJson(res: Response, contentType: string, body: string, status = 200): void {
  res.status(status);
  res.setHeader('Content-Type', contentType);
  res.end(Buffer.from(body));
}
