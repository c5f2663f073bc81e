// Liveness, readiness and version: the endpoints that answer without credentials.
import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { ResourceStores } from '@kubenest/registry';
import { HealthCheck, LIVENESS_CHECKS, runHealthChecks, storeCheck } from './health-checks';

export const serverVersion = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-kubenest',
  gitCommit: 'kubenest',
  gitTreeState: 'clean',
  buildDate: '2026-11-25T00:00:00Z',
  goVersion: 'node' + process.versions.node,
  compiler: 'swc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

const readyTimeoutMs = 2000;

@Controller()
export class HealthController {
  private readonly logger = new Logger('HealthController');

  constructor(
    private readonly stores: ResourceStores,
    @Inject(LIVENESS_CHECKS) private readonly livenessChecks: HealthCheck[],
  ) {}

  @Get('version')
  version() {
    return serverVersion;
  }

  /** Live unless a check says the process cannot heal itself (kube's /livez; /healthz is its old name). */
  @Get(['healthz', 'livez'])
  async live(@Req() req: Request, @Res() res: Response) {
    const endpoint = req.path.slice(1);
    const report = await runHealthChecks(endpoint, this.livenessChecks, req.query.verbose !== undefined);
    if (report.failures.length > 0) this.logger.warn(`${endpoint} check failed: ${report.failures.join('; ')}`);
    res.status(report.status).type('text/plain').send(report.body);
  }

  /** Ready only when the store answers, and soon. Anonymous clients ask: as kube, the reason
   * (a socket path, a database host) goes to the log only. 503, so that load balancers drain it. */
  @Get('readyz')
  async ready(@Req() req: Request, @Res() res: Response) {
    const checks = [storeCheck(() => this.stores.store.currentRevision(), readyTimeoutMs)];
    const report = await runHealthChecks('readyz', checks, req.query.verbose !== undefined);
    if (report.failures.length > 0) this.logger.warn(`readyz check failed: ${report.failures.join('; ')}`);
    res
      .status(report.status === 200 ? 200 : 503)
      .type('text/plain')
      .send(report.body);
  }
}
