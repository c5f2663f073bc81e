// The apiserver's settings: one typed object, read from environment variables and flags and
// validated once at start-up (see load-config.ts).
import { resolve } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsControllerList } from './controller-list';
import { LOG_LEVELS, LogLevelName } from './log-level';
import {
  asAbsolutePath,
  asBoolean,
  asInteger,
  asLowerCase,
  asNumber,
  asString,
  databaseUrlSecret,
  IsBindAddress,
  IsPostgresUrl,
  Setting,
} from '@kubenest/config';

export class ApiserverConfig {
  /** Absolute; holds pki/, admin.token, admin.kubeconfig and the embedded database. */
  @Setting({ env: 'KUBENEST_DATA_DIR', flag: 'data-dir', expects: 'a directory path', parse: asAbsolutePath })
  @IsString()
  @IsNotEmpty()
  dataDir: string = resolve('.kubenest');

  @Setting({ env: 'KUBENEST_PORT', flag: 'port', expects: 'an integer from 1 to 65535', parse: asInteger })
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 6443;

  @Setting({ env: 'KUBENEST_HOST', flag: 'host', expects: 'an IP address or host name to bind to', parse: asString })
  @IsBindAddress()
  host = '127.0.0.1';

  /** Unset: start the embedded PostgreSQL in the data directory. */
  @Setting({
    env: 'DATABASE_URL',
    flag: 'database-url',
    expects: 'a postgres:// or postgresql:// URL',
    parse: asString,
    secret: true,
    refusedAsFlag: databaseUrlSecret,
  })
  @IsOptional()
  @IsPostgresUrl()
  databaseUrl?: string;

  /** Names the embedded PostgreSQL's Unix socket, .s.PGSQL.<port> (used only without DATABASE_URL);
   * it listens on no TCP port. */
  @Setting({
    env: 'KUBENEST_POSTGRES_PORT',
    flag: 'postgres-port',
    expects: 'an integer from 1 to 65535',
    parse: asInteger,
  })
  @IsInt()
  @Min(1)
  @Max(65535)
  postgresPort = 5433;

  /** Run a node agent inside the apiserver process, so a fresh install can run pods. */
  @Setting({
    env: 'KUBENEST_LOCAL_AGENT',
    flag: 'local-agent',
    expects: 'true or false',
    parse: asBoolean,
    switch: true,
  })
  @IsBoolean()
  localAgent = true;

  /** History older than this is compacted away; watches from before it get 410 Expired. */
  @Setting({
    env: 'KUBENEST_COMPACTION_WINDOW_SECONDS',
    flag: 'compaction-window-seconds',
    expects: 'a whole number of seconds, at least 1',
    parse: asInteger,
  })
  @IsInt()
  @Min(1)
  compactionWindowSeconds = 300;

  /** How long a node's lease may go without a renewal seen before the node counts as gone (a bootstrap
   * token may then take its name), as kube-controller-manager's --node-monitor-grace-period; a lease
   * held for longer (kubelet's: 40 s) gets its own duration. */
  @Setting({
    env: 'KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS',
    flag: 'node-monitor-grace-period-seconds',
    expects: 'a whole number of seconds, at least 1',
    parse: asInteger,
  })
  @IsInt()
  @Min(1)
  nodeMonitorGracePeriodSeconds = 40;

  /** Nodes tainted for eviction per second in a zone, as kube-controller-manager's --node-eviction-rate. */
  @Setting({
    env: 'KUBENEST_NODE_EVICTION_RATE',
    flag: 'node-eviction-rate',
    expects: 'a number of nodes per second, at least 0',
    parse: asNumber,
  })
  @IsNumber()
  @Min(0)
  nodeEvictionRate = 0.1;

  /** The rate in a zone that is partly down and larger than the large cluster size, as --secondary-node-eviction-rate. */
  @Setting({
    env: 'KUBENEST_SECONDARY_NODE_EVICTION_RATE',
    flag: 'secondary-node-eviction-rate',
    expects: 'a number of nodes per second, at least 0',
    parse: asNumber,
  })
  @IsNumber()
  @Min(0)
  secondaryNodeEvictionRate = 0.01;

  /** The share of not-ready nodes (more than 2) that makes a zone partly down, as --unhealthy-zone-threshold. */
  @Setting({
    env: 'KUBENEST_UNHEALTHY_ZONE_THRESHOLD',
    flag: 'unhealthy-zone-threshold',
    expects: 'a fraction from 0 to 1',
    parse: asNumber,
  })
  @IsNumber()
  @Min(0)
  @Max(1)
  unhealthyZoneThreshold = 0.55;

  /** Above this many nodes a partly down zone is still evicted from, at the secondary rate, as --large-cluster-size-threshold. */
  @Setting({
    env: 'KUBENEST_LARGE_CLUSTER_SIZE_THRESHOLD',
    flag: 'large-cluster-size-threshold',
    expects: 'a whole number of nodes, at least 0',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  largeClusterSizeThreshold = 50;

  /** The tolerationSeconds DefaultTolerationSeconds gives pods for the not-ready NoExecute taint, as kube-apiserver's flag. */
  @Setting({
    env: 'KUBENEST_DEFAULT_NOT_READY_TOLERATION_SECONDS',
    flag: 'default-not-ready-toleration-seconds',
    expects: 'a whole number of seconds, at least 0',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  defaultNotReadyTolerationSeconds = 300;

  /** The same for the unreachable NoExecute taint. */
  @Setting({
    env: 'KUBENEST_DEFAULT_UNREACHABLE_TOLERATION_SECONDS',
    flag: 'default-unreachable-toleration-seconds',
    expects: 'a whole number of seconds, at least 0',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  defaultUnreachableTolerationSeconds = 300;

  /** Terminated pods (Succeeded or Failed) kept before the pod GC deletes the oldest, as
   * kube-controller-manager's --terminated-pod-gc-threshold; 0: never. */
  @Setting({
    env: 'KUBENEST_TERMINATED_POD_GC_THRESHOLD',
    flag: 'terminated-pod-gc-threshold',
    expects: 'a whole number of pods, 0 to keep them all',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  terminatedPodGcThreshold = 12500;

  /** Reads (get, list) served at once before one more is refused with 429, as kube-apiserver's
   * --max-requests-inflight; watches and streams are not counted; 0: no limit. */
  @Setting({
    env: 'KUBENEST_MAX_REQUESTS_INFLIGHT',
    flag: 'max-requests-inflight',
    expects: 'a whole number, 0 for no limit',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  maxRequestsInflight = 400;

  /** Writes served at once before one more is refused with 429, as kube-apiserver's
   * --max-mutating-requests-inflight; 0: no limit. */
  @Setting({
    env: 'KUBENEST_MAX_MUTATING_REQUESTS_INFLIGHT',
    flag: 'max-mutating-requests-inflight',
    expects: 'a whole number, 0 for no limit',
    parse: asInteger,
  })
  @IsInt()
  @Min(0)
  maxMutatingRequestsInflight = 200;

  /** A KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1, YAML or JSON) for the
   * scheduler's profiles; unset: kube's default profile. */
  @Setting({
    env: 'KUBENEST_SCHEDULER_CONFIG',
    flag: 'scheduler-config',
    expects: 'the path of a KubeSchedulerConfiguration file',
    parse: asAbsolutePath,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  schedulerConfig?: string;

  /** Which built-in loops run, as kube-controller-manager's --controllers: `*` every one on by default,
   * `foo` turns foo on, `-foo` turns it off (`*,-replicaset`); kube's names or aliases. */
  @Setting({
    env: 'KUBENEST_CONTROLLERS',
    flag: 'controllers',
    expects:
      "a comma-separated list of kube-controller-manager's controller names: * (every one on by default), name, or -name to turn one off",
    parse: asString,
  })
  @IsControllerList()
  controllers = '*';

  /** How much to log: error, warn, info (a short start-up summary, then what happens) or debug. */
  @Setting({
    env: 'KUBENEST_LOG_LEVEL',
    flag: 'log-level',
    expects: `one of ${LOG_LEVELS.join(', ')}`,
    parse: asLowerCase,
  })
  @IsIn(LOG_LEVELS)
  logLevel: LogLevelName = 'info';
}
