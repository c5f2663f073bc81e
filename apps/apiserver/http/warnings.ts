// Kubernetes warnings travel as `Warning: 299 - "<text>"` response headers.
import { Response } from 'express';

export const setWarnings = (res: Response, warnings: string[]): void => {
  if (warnings.length === 0) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - ${JSON.stringify(w)}`),
  );
};
