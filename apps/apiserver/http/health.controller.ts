// Liveness, readiness and version: the endpoints that answer without credentials. Each health
// endpoint also serves its checks one by one (/livez/ping), with ?verbose and ?exclude= as kube's.
import { Controller, Get, Inject, Logger, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { allValues, QueryParams } from '@kubenest/apimachinery/query';
import { ResourceStores } from '@kubenest/registry';
import {
  HealthCheck,
  HealthQuery,
  HealthReport,
  LIVENESS_CHECKS,
  pingCheck,
  runHealthChecks,
  runNamedCheck,
  storeCheck,
} from './health-checks';
import { writeJson } from './json-response';

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

/** The query of a health endpoint: ?verbose, and ?exclude= as often as wanted. */
const healthQuery = (req: Request): HealthQuery => ({
  verbose: req.query.verbose !== undefined,
  exclude: allValues(req.query as QueryParams, 'exclude'),
});

@Controller()
export class HealthController {
  private readonly logger = new Logger('HealthController');
  private readonly readinessChecks: HealthCheck[];

  constructor(
    stores: ResourceStores,
    @Inject(LIVENESS_CHECKS) private readonly livenessChecks: HealthCheck[],
  ) {
    // As kube's readyz, which has ping too; its etcd check is our store's.
    this.readinessChecks = [pingCheck, storeCheck(() => stores.store.currentRevision(), readyTimeoutMs)];
  }

  /** As kube's /version (WriteRawJSON): indented by two spaces, without the serializer's newline. */
  @Get('version')
  version(@Res() res: Response) {
    writeJson(res, 200, JSON.stringify(serverVersion, null, 2));
  }

  /** Live unless a check says the process cannot heal itself (kube's /livez; /healthz is its old name). */
  @Get(['healthz', 'livez'])
  async live(@Req() req: Request, @Res() res: Response) {
    this.send(res, await runHealthChecks(endpointOf(req), this.livenessChecks, healthQuery(req)), endpointOf(req));
  }

  /** Ready only when the store answers, and soon. Anonymous clients ask: as kube, the reason
   * (a socket path, a database host) goes to the log only. 503, so that load balancers drain it. */
  @Get('readyz')
  async ready(@Req() req: Request, @Res() res: Response) {
    const report = await runHealthChecks('readyz', this.readinessChecks, healthQuery(req));
    this.send(res, report, 'readyz', 503);
  }

  /** One check alone, by name, as kube serves each (/livez/ping, /readyz/store). */
  @Get(['healthz/:check', 'livez/:check', 'readyz/:check'])
  async check(@Req() req: Request, @Res() res: Response, @Param('check') name: string) {
    const endpoint = endpointOf(req);
    const report = await runNamedCheck(endpoint === 'readyz' ? this.readinessChecks : this.livenessChecks, name);
    if (!report) throw new NotFoundException();
    this.send(res, report, `${endpoint}/${name}`, endpoint === 'readyz' ? 503 : 500);
  }

  private send(res: Response, report: HealthReport, what: string, failedStatus = 500): void {
    if (report.failures.length > 0) this.logger.warn(`${what} check failed: ${report.failures.join('; ')}`);
    if (report.unknownExcluded.length > 0)
      this.logger.warn(`${what}: no health checks to exclude match ${report.unknownExcluded.join(', ')}`);
    res
      .status(report.status === 200 ? 200 : failedStatus)
      .type('text/plain')
      .set('X-Content-Type-Options', 'nosniff')
      .send(report.body);
  }
}

/** healthz, livez or readyz: the path's first segment. */
const endpointOf = (req: Request): string => req.path.split('/')[1];
