import { resolve } from 'node:path';
import { ConfigError } from '@kubenest/config';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect({ ...loadConfig({}) }).toEqual({
      dataDir: resolve(process.cwd(), '.kubenest'),
      port: 6443,
      host: '127.0.0.1',
      postgresPort: 5433,
      localAgent: true,
      compactionWindowSeconds: 300,
      nodeMonitorGracePeriodSeconds: 40,
      nodeEvictionRate: 0.1,
      secondaryNodeEvictionRate: 0.01,
      unhealthyZoneThreshold: 0.55,
      largeClusterSizeThreshold: 50,
      defaultNotReadyTolerationSeconds: 300,
      defaultUnreachableTolerationSeconds: 300,
      terminatedPodGcThreshold: 12500,
      maxRequestsInflight: 400,
      maxMutatingRequestsInflight: 200,
      controllers: '*',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      KUBENEST_DATA_DIR: '/var/lib/kubenest',
      KUBENEST_PORT: '7443',
      KUBENEST_HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://kubenest:secret@db:5432/kubenest',
      KUBENEST_POSTGRES_PORT: '5999',
      KUBENEST_LOCAL_AGENT: 'false',
      KUBENEST_COMPACTION_WINDOW_SECONDS: '60',
      KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: '8',
      KUBENEST_NODE_EVICTION_RATE: '1.5',
      KUBENEST_SECONDARY_NODE_EVICTION_RATE: '0',
      KUBENEST_UNHEALTHY_ZONE_THRESHOLD: '.75',
      KUBENEST_LARGE_CLUSTER_SIZE_THRESHOLD: '10',
      KUBENEST_DEFAULT_NOT_READY_TOLERATION_SECONDS: '30',
      KUBENEST_DEFAULT_UNREACHABLE_TOLERATION_SECONDS: '0',
      KUBENEST_TERMINATED_POD_GC_THRESHOLD: '5',
      KUBENEST_MAX_REQUESTS_INFLIGHT: '800',
      KUBENEST_MAX_MUTATING_REQUESTS_INFLIGHT: '0',
      KUBENEST_LOG_LEVEL: 'debug',
      KUBENEST_CONTROLLERS: '*,-job',
    });
    expect({ ...config }).toEqual({
      dataDir: '/var/lib/kubenest',
      port: 7443,
      host: '0.0.0.0',
      databaseUrl: 'postgres://kubenest:secret@db:5432/kubenest',
      postgresPort: 5999,
      localAgent: false,
      compactionWindowSeconds: 60,
      nodeMonitorGracePeriodSeconds: 8,
      nodeEvictionRate: 1.5,
      secondaryNodeEvictionRate: 0,
      unhealthyZoneThreshold: 0.75,
      largeClusterSizeThreshold: 10,
      defaultNotReadyTolerationSeconds: 30,
      defaultUnreachableTolerationSeconds: 0,
      terminatedPodGcThreshold: 5,
      maxRequestsInflight: 800,
      maxMutatingRequestsInflight: 0,
      controllers: '*,-job',
      logLevel: 'debug',
    });
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadConfig({ KUBENEST_DATA_DIR: 'state/k' }).dataDir).toBe(resolve(process.cwd(), 'state/k'));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ KUBENEST_PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 6443, databaseUrl: undefined });
  });

  it('lets flags override variables', () => {
    const config = loadConfig({ KUBENEST_PORT: '7443' }, ['--port=8443', '--local-agent=0', '--host=localhost']);
    expect(config).toMatchObject({ port: 8443, localAgent: false, host: 'localhost' });
  });

  it('reads a log level in any case, from the variable or --log-level', () => {
    expect(loadConfig({ KUBENEST_LOG_LEVEL: ' Warn ' }).logLevel).toBe('warn');
    expect(loadConfig({ KUBENEST_LOG_LEVEL: 'error' }, ['--log-level=DEBUG']).logLevel).toBe('debug');
  });

  it('reads a bare boolean flag as true', () => {
    expect(loadConfig({ KUBENEST_LOCAL_AGENT: 'false' }, ['--local-agent']).localAgent).toBe(true);
  });

  it.each([
    ['postgresql://u@localhost/kubenest'],
    ['postgres://u:p@10.0.0.5:5432/kubenest?sslmode=disable'],
    ['postgres:///kubenest?host=/var/run/postgresql'],
  ])('accepts the database URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    [{ KUBENEST_PORT: 'abc' }, 'KUBENEST_PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ KUBENEST_PORT: '0' }, 'KUBENEST_PORT must be an integer from 1 to 65535 (got "0")'],
    [{ KUBENEST_PORT: '65536' }, 'KUBENEST_PORT must be an integer from 1 to 65535 (got "65536")'],
    [{ KUBENEST_PORT: '6443.5' }, 'KUBENEST_PORT must be an integer from 1 to 65535 (got "6443.5")'],
    [
      { KUBENEST_HOST: 'not a host!' },
      'KUBENEST_HOST must be an IP address or host name to bind to (got "not a host!")',
    ],
    [{ KUBENEST_LOCAL_AGENT: 'maybe' }, 'KUBENEST_LOCAL_AGENT must be true or false (got "maybe")'],
    [
      { KUBENEST_COMPACTION_WINDOW_SECONDS: '0' },
      'KUBENEST_COMPACTION_WINDOW_SECONDS must be a whole number of seconds, at least 1 (got "0")',
    ],
    [
      { KUBENEST_TERMINATED_POD_GC_THRESHOLD: '-1' },
      'KUBENEST_TERMINATED_POD_GC_THRESHOLD must be a whole number of pods, 0 to keep them all (got "-1")',
    ],
    [
      { KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: '0' },
      'KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS must be a whole number of seconds, at least 1 (got "0")',
    ],
    [
      { KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: '40s' },
      'KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS must be a whole number of seconds, at least 1 (got "40s")',
    ],
    [
      { KUBENEST_NODE_EVICTION_RATE: '-0.1' },
      'KUBENEST_NODE_EVICTION_RATE must be a number of nodes per second, at least 0 (got "-0.1")',
    ],
    [
      { KUBENEST_NODE_EVICTION_RATE: '1e3' },
      'KUBENEST_NODE_EVICTION_RATE must be a number of nodes per second, at least 0 (got "1e3")',
    ],
    [
      { KUBENEST_UNHEALTHY_ZONE_THRESHOLD: '1.5' },
      'KUBENEST_UNHEALTHY_ZONE_THRESHOLD must be a fraction from 0 to 1 (got "1.5")',
    ],
    [
      { KUBENEST_DEFAULT_UNREACHABLE_TOLERATION_SECONDS: '5m' },
      'KUBENEST_DEFAULT_UNREACHABLE_TOLERATION_SECONDS must be a whole number of seconds, at least 0 (got "5m")',
    ],
    [
      { KUBENEST_MAX_REQUESTS_INFLIGHT: '-1' },
      'KUBENEST_MAX_REQUESTS_INFLIGHT must be a whole number, 0 for no limit (got "-1")',
    ],
    [
      { KUBENEST_MAX_MUTATING_REQUESTS_INFLIGHT: 'many' },
      'KUBENEST_MAX_MUTATING_REQUESTS_INFLIGHT must be a whole number, 0 for no limit (got "many")',
    ],
    [
      { KUBENEST_CONTROLLERS: '*,-jobs' },
      `KUBENEST_CONTROLLERS must be a comma-separated list of kube-controller-manager's controller names: * (every one on by default), name, or -name to turn one off (got "*,-jobs")`,
    ],
    [{ KUBENEST_LOG_LEVEL: 'loud' }, 'KUBENEST_LOG_LEVEL must be one of error, warn, info, debug (got "loud")'],
    [{ KUBENEST_PORT: 'a\nb' }, 'KUBENEST_PORT must be an integer from 1 to 65535 (got "a\\nb")'],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('never echoes a database URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL'),
    );
  });

  it.each([
    ['--database-url=postgres://kubenest:hunter2@db:5432/kubenest'],
    ['--database-url=postgres://kubenest@db/kubenest?sslmode=disable&password=hunter2'],
  ])('refuses a database password on the command line, naming the variable to use: %s', (flag) => {
    expect(() => loadConfig({}, [flag])).toThrow(
      new ConfigError(
        "--database-url holds a password, which every local user can read in the process table: set DATABASE_URL instead (a process's environment is readable by its own user only)",
      ),
    );
  });

  it.each([['postgres://kubenest@db:5432/kubenest'], ['postgres:///kubenest?host=/var/run/postgresql']])(
    'takes a database URL without a password as a flag: %s',
    (url) => {
      expect(loadConfig({}, [`--database-url=${url}`]).databaseUrl).toBe(url);
    },
  );

  it('names the flag when the bad value came from one', () => {
    expect(() => loadConfig({}, ['--port=x'])).toThrow(
      new ConfigError('--port must be an integer from 1 to 65535 (got "x")'),
    );
  });

  it.each([
    [['--nope=1'], /^unknown flag --nope \(known: --data-dir, --port, /],
    [['port=1'], /^unexpected argument "port=1"/],
  ])('rejects the arguments %j', (argv, message) => {
    expect(() => loadConfig({}, argv)).toThrow(message);
  });

  it('reports one line', () => {
    try {
      loadConfig({ KUBENEST_PORT: '-1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
