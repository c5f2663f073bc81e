// Every error of a Nest route (discovery, OpenAPI, health, the agents' tunnel) answered as a
// Kubernetes Status body; the resource routes do the same without Nest.
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { toStatusError, writeStatus } from './status-response';

@Catch()
export class StatusExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('StatusExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    writeStatus(host.switchToHttp().getResponse<ServerResponse>(), toStatusError(error, this.logger));
  }
}
