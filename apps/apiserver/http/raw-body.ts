// Request bodies arrive as raw bytes (decoded later by Content-Type: JSON, YAML, protobuf,
// patches), at most 3 MiB as kube-apiserver allows; a parser error becomes a Status.
import { Logger } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { toStatusError } from './status-exception.filter';

export const maxBodyBytes = 3 * 1024 * 1024;

const logger = new Logger('RawBody');

export const rawBody = express.raw({ type: () => true, limit: maxBodyBytes });

export const bodyErrors = (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
  if (res.headersSent) return next(error);
  const status = toStatusError(error, logger);
  res.status(status.code).setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(status.toStatus()));
};
