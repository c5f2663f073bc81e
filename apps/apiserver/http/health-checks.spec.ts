// The health checks and their answers in kube's form: every check at once, with ?verbose and
// ?exclude=, or one by name; a failure's reason goes to the log only.
import {
  embeddedPostgresCheck,
  HealthCheck,
  pingCheck,
  runHealthChecks,
  runNamedCheck,
  storeCheck,
} from './health-checks';

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
    expect(await runHealthChecks('livez', checks, { verbose })).toMatchObject({ status, body });
  });

  it.each([
    {
      name: 'an excluded check does not run, and passes',
      exclude: ['postgres'],
      verbose: false,
      status: 200,
      body: 'ok',
    },
    {
      name: 'excluded, verbose',
      exclude: ['postgres'],
      verbose: true,
      status: 200,
      body: '[+]ping ok\n[+]postgres excluded: ok\nlivez check passed\n',
    },
    {
      name: 'names no check matches are warned of, sorted and quoted',
      exclude: ['zz', 'postgres', 'a"b'],
      verbose: true,
      status: 200,
      body:
        '[+]ping ok\n[+]postgres excluded: ok\n' +
        'warn: some health checks cannot be excluded: no matches for "a\\"b","zz"\nlivez check passed\n',
    },
    {
      name: 'excluding another check leaves a failure failing',
      exclude: ['ping'],
      verbose: false,
      status: 500,
      body: '[+]ping excluded: ok\n[-]postgres failed: reason withheld\nlivez check failed\n',
    },
  ])('$name', async ({ exclude, verbose, status, body }) => {
    const run = jest.fn(failing('postgres', 'down').check);
    const report = await runHealthChecks('livez', [pingCheck, { name: 'postgres', check: run }], { verbose, exclude });
    expect(report).toMatchObject({ status, body });
    expect(run).toHaveBeenCalledTimes(exclude.includes('postgres') ? 0 : 1);
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

describe('runNamedCheck', () => {
  const checks = [pingCheck, failing('postgres', 'down for 30 s')];

  it.each([
    { name: 'ping', want: { status: 200, body: 'ok', failures: [] } },
    {
      name: 'postgres',
      want: {
        status: 500,
        body: 'internal server error: reason withheld\n',
        failures: ['[-]postgres failed: down for 30 s'],
      },
    },
  ])('$name', async ({ name, want }) => {
    expect(await runNamedCheck(checks, name)).toMatchObject(want);
  });

  it('knows no check by another name', async () => {
    expect(await runNamedCheck(checks, 'etcd')).toBeUndefined();
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
