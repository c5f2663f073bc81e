// The named checks behind /livez, /healthz and /readyz, as kube-apiserver's healthz checkers: each
// throws when failing, and the answer lists them in kube's form ("[+]ping ok", "[-]postgres failed:
// ..."); each is also served alone under its endpoint (/livez/ping).

export interface HealthCheck {
  name: string;
  /** Throws (or rejects) when failing; the error's message goes to the log, not to the client. */
  check(): void | Promise<void>;
}

export const LIVENESS_CHECKS = Symbol('LIVENESS_CHECKS');

export const pingCheck: HealthCheck = { name: 'ping', check: () => undefined };

/** Fails once the embedded PostgreSQL has stayed down longer than its restarts should take:
 * the process cannot heal itself, and whatever supervises it should restart it. */
export const embeddedPostgresCheck = (
  downSince: () => number | undefined,
  maxDownMs: number,
  now: () => number = Date.now,
): HealthCheck => ({
  name: 'postgres',
  check: () => {
    const since = downSince();
    if (since !== undefined && now() - since > maxDownMs)
      throw new Error(`the embedded PostgreSQL has been down for ${Math.round((now() - since) / 1000)} s`);
  },
});

/** Passes when the store answers within timeoutMs (kube's readyz etcd check): a hung database is
 * not ready either. */
export const storeCheck = (currentRevision: () => Promise<unknown>, timeoutMs: number): HealthCheck => ({
  name: 'store',
  check: async () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([currentRevision(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  },
});

export interface HealthReport {
  status: 200 | 500;
  body: string;
  /** "[-]name failed: message" for each failing check, for the log. */
  failures: string[];
  /** What `exclude` named that no check is called, for the log. */
  unknownExcluded: string[];
}

export interface HealthQuery {
  /** List every check even when all pass. */
  verbose?: boolean;
  /** Checks not to run, counted as passing: kube's ?exclude=, e.g. while one is known broken. */
  exclude?: string[];
}

/** Names as Go's %q quotes them, comma-separated. */
const quoted = (names: string[]): string => names.map((name) => JSON.stringify(name)).join(',');

/** kube's handleRootHealth: "ok" when all pass (every line with verbose); otherwise 500 with every
 * check's line, reasons withheld, then "<endpoint> check failed". */
export async function runHealthChecks(
  endpoint: string,
  checks: HealthCheck[],
  { verbose = false, exclude = [] }: HealthQuery = {},
): Promise<HealthReport> {
  const excluded = new Set(exclude);
  const lines: string[] = [];
  const failures: string[] = [];
  for (const { name, check } of checks) {
    if (excluded.delete(name)) {
      lines.push(`[+]${name} excluded: ok`);
      continue;
    }
    try {
      await check();
      lines.push(`[+]${name} ok`);
    } catch (e) {
      lines.push(`[-]${name} failed: reason withheld`);
      failures.push(`[-]${name} failed: ${(e as Error).message}`);
    }
  }
  const unknownExcluded = [...excluded].sort();
  if (unknownExcluded.length > 0)
    lines.push(`warn: some health checks cannot be excluded: no matches for ${quoted(unknownExcluded)}`);
  const report = { failures, unknownExcluded };
  if (failures.length > 0) return { status: 500, body: `${lines.join('\n')}\n${endpoint} check failed\n`, ...report };
  return { status: 200, body: verbose ? `${lines.join('\n')}\n${endpoint} check passed\n` : 'ok', ...report };
}

/**
 * One check by name (kube's /livez/<name>): "ok", or 500 "internal server error". kube gives the
 * reason here, to those its RBAC lets read the path; these paths answer anyone, so the reason goes
 * to the log as on the endpoint itself. Undefined when no check has that name.
 */
export async function runNamedCheck(checks: HealthCheck[], name: string): Promise<HealthReport | undefined> {
  const found = checks.find((c) => c.name === name);
  if (!found) return undefined;
  try {
    await found.check();
    return { status: 200, body: 'ok', failures: [], unknownExcluded: [] };
  } catch (e) {
    return {
      status: 500,
      body: 'internal server error: reason withheld\n',
      failures: [`[-]${name} failed: ${(e as Error).message}`],
      unknownExcluded: [],
    };
  }
}
