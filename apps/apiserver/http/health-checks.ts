// The named checks behind /livez and /healthz, as kube-apiserver's healthz checkers: each throws
// when failing, and the answer lists them in kube's form ("[+]ping ok", "[-]postgres failed: ...").

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
}

/** kube's handleRootHealth: "ok" when all pass (every line with verbose); otherwise 500 with every
 * check's line, reasons withheld, then "<endpoint> check failed". */
export async function runHealthChecks(endpoint: string, checks: HealthCheck[], verbose = false): Promise<HealthReport> {
  const lines: string[] = [];
  const failures: string[] = [];
  for (const { name, check } of checks) {
    try {
      await check();
      lines.push(`[+]${name} ok`);
    } catch (e) {
      lines.push(`[-]${name} failed: reason withheld`);
      failures.push(`[-]${name} failed: ${(e as Error).message}`);
    }
  }
  if (failures.length > 0) return { status: 500, body: `${lines.join('\n')}\n${endpoint} check failed\n`, failures };
  return { status: 200, body: verbose ? `${lines.join('\n')}\n${endpoint} check passed\n` : 'ok', failures };
}
