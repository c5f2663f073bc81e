import { embeddedPostgresCheck, HealthCheck, pingCheck, runHealthChecks, storeCheck } from './health-checks';

const failing = (name: string, message: string): HealthCheck => ({
  name,
  check: () => {
    throw new Error(message);
  },
});

describe('runHealthChecks', () => {
  it.each([
    { name: 'all pass', checks: [pingCheck], verbose: false, status: 200, body: 'ok' },
    {
      name: 'all pass, verbose',
      checks: [pingCheck, { name: 'log', check: async () => undefined }],
      verbose: true,
      status: 200,
      body: '[+]ping ok\n[+]log ok\nlivez check passed\n',
    },
    {
      name: 'one fails: every line, the reason withheld',
      checks: [pingCheck, failing('postgres', 'down for 30 s')],
      verbose: false,
      status: 500,
      body: '[+]ping ok\n[-]postgres failed: reason withheld\nlivez check failed\n',
    },
  ])('$name', async ({ checks, verbose, status, body }) => {
    expect(await runHealthChecks('livez', checks, verbose)).toMatchObject({ status, body });
  });

  it('gives the reasons for the log', async () => {
    const report = await runHealthChecks('healthz', [
      failing('a', 'no'),
      { name: 'b', check: () => Promise.reject(new Error('late')) },
    ]);
    expect(report.failures).toEqual(['[-]a failed: no', '[-]b failed: late']);
    expect(report.body.endsWith('healthz check failed\n')).toBe(true);
  });
});

describe('embeddedPostgresCheck', () => {
  it.each([
    { name: 'running', downSince: undefined, now: 100_000, fails: false },
    { name: 'down briefly (restarting)', downSince: 90_000, now: 100_000, fails: false },
    { name: 'down exactly the limit', downSince: 80_000, now: 100_000, fails: false },
    { name: 'down beyond the limit', downSince: 79_000, now: 100_000, fails: true },
  ])('$name', ({ downSince, now, fails }) => {
    const check = embeddedPostgresCheck(
      () => downSince,
      20_000,
      () => now,
    );
    if (fails) expect(() => check.check()).toThrow('the embedded PostgreSQL has been down for 21 s');
    else expect(() => check.check()).not.toThrow();
  });
});

describe('storeCheck', () => {
  it.each([
    { name: 'answered', revision: () => Promise.resolve(7), failures: [] },
    {
      name: 'refused',
      revision: () => Promise.reject(new Error('connect ECONNREFUSED /data/pg/.s.PGSQL.5433')),
      failures: ['[-]store failed: connect ECONNREFUSED /data/pg/.s.PGSQL.5433'],
    },
    { name: 'hung', revision: () => new Promise(() => undefined), failures: ['[-]store failed: no answer in 20 ms'] },
  ])('$name', async ({ revision, failures }) => {
    const report = await runHealthChecks('readyz', [storeCheck(revision, 20)]);
    expect(report.failures).toEqual(failures);
    expect(report.body).not.toContain('PGSQL');
  });
});
