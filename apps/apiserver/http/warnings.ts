// Kubernetes warnings travel as `Warning: 299 - "<text>"` response headers.
import { ServerResponse } from 'node:http';

export const setWarnings = (res: ServerResponse, warnings: string[]): void => {
  if (warnings.length === 0) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
};
