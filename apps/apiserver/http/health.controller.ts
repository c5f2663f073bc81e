// Liveness, readiness and version: the endpoints that answer without credentials.
import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { ResourceStores } from '@kubenest/registry';
import { HealthCheck, LIVENESS_CHECKS, runHealthChecks } from './health-checks';

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

  /** Ready only when the store answers, and soon: a hung database is not ready either. */
  @Get('readyz')
  async ready(@Res() res: Response) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${readyTimeoutMs} ms`)), readyTimeoutMs);
    });
    try {
      await Promise.race([this.stores.store.currentRevision(), deadline]);
      res.type('text/plain').send('ok');
    } catch (e) {
      res
        .status(503)
        .type('text/plain')
        .send(`[-]store failed: ${(e as Error).message}\nreadyz check failed`);
    } finally {
      clearTimeout(timer);
    }
  }
}
