// The agent's settings: one typed object read from the command line and validated once at
// start-up (see load-agent-config.ts).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  asAbsolutePath,
  asInteger,
  asLabels,
  asQuantity,
  asString,
  asTaints,
  asTrueOrFalse,
  IsLabelMap,
  IsPositiveQuantity,
  IsTaintList,
  Setting,
  Taint,
} from '@kubenest/config';
import { BOOTSTRAP_TOKEN, BOOTSTRAP_TOKEN_FORM } from './token-file';

// A node name must be a DNS-1123 subdomain; host names are often upper-case, kubelet lowercases them.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class AgentConfig {
  /** Required, unless --stop-pods. */
  @Setting({ flag: 'server', expects: 'the control plane URL, https://host:port', parse: asString })
  @ValidateIf((config: AgentConfig) => !config.stopPods)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false, require_valid_protocol: true })
  server!: string;

  /**
   * Needed only to join: a restart with a stored identity does not use it. On the command line any
   * local user can read it (/proc/<pid>/cmdline): --token-file keeps it out of there.
   */
  @Setting({ flag: 'token', expects: BOOTSTRAP_TOKEN_FORM, parse: asString, secret: true })
  @IsOptional()
  @Matches(BOOTSTRAP_TOKEN)
  token?: string;

  /** A file (mode 0600) holding the token; read at start-up into token. */
  @Setting({ flag: 'token-file', expects: 'a file path', parse: asAbsolutePath })
  @IsOptional()
  @IsString()
  tokenFile?: string;

  @Setting({ flag: 'ca-cert-hash', expects: 'sha256: and 64 hexadecimal digits', parse: (raw) => raw.toLowerCase() })
  @IsOptional()
  @Matches(/^sha256:[0-9a-f]{64}$/)
  caCertHash?: string;

  @Setting({ flag: 'name', expects: 'a node name (lowercase DNS subdomain, at most 253 characters)', parse: asString })
  @Matches(DNS_SUBDOMAIN)
  @IsString()
  name: string = hostname().toLowerCase();

  /** Holds kubelet.kubeconfig and the node's key. */
  @Setting({ flag: 'data-dir', expects: 'a directory path', parse: asAbsolutePath })
  @IsString()
  @IsNotEmpty()
  dataDir: string = resolve('.kubenest-agent');

  /**
   * Serve no node: stop the containers an earlier run left running in --data-dir, then exit. The
   * control plane runs this as it stops, for the pods of a local agent that crashed or was killed,
   * as `kubeadm reset` is a mode of the same tool.
   */
  @Setting({ flag: 'stop-pods', expects: 'true or false', parse: asTrueOrFalse, switch: true })
  @IsBoolean()
  stopPods = false;

  /** 0: this host is the node; N: N simulated nodes and no real one. */
  @Setting({ flag: 'simulate', expects: 'a number of simulated nodes from 0 to 10000', parse: asInteger })
  @IsInt()
  @Min(0)
  @Max(10000)
  simulate = 0;

  @Setting({ flag: 'node-labels', expects: 'labels key=value,... with valid label keys and values', parse: asLabels })
  @IsLabelMap()
  nodeLabels: Record<string, string> = {};

  @Setting({
    flag: 'register-with-taints',
    expects: 'taints key=value:Effect,... with Effect NoSchedule, PreferNoSchedule or NoExecute',
    parse: asTaints,
  })
  @IsTaintList()
  registerWithTaints: Taint[] = [];

  /** Unset: the host's CPU count (or a simulated node's default). */
  @Setting({ flag: 'cpu', expects: 'a positive quantity such as 4 or 3500m', parse: asQuantity })
  @IsOptional()
  @IsPositiveQuantity()
  cpu?: string;

  /** Unset: the host's total memory (or a simulated node's default). */
  @Setting({ flag: 'memory', expects: 'a positive quantity such as 8Gi', parse: asQuantity })
  @IsOptional()
  @IsPositiveQuantity()
  memory?: string;

  @Setting({ flag: 'pods', expects: 'a number of pods from 1 to 10000', parse: asInteger })
  @IsInt()
  @Min(1)
  @Max(10000)
  pods = 110;
}
