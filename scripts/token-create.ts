// `npm run token:create`: creates a bootstrap token (a kube-system Secret, as `kubeadm token
// create` does) through the running server with the admin kubeconfig, and prints the token, the
// CA hash and the command that joins a node with them.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { caPublicKeyHash } from '@kubenest/pki';
import {
  bootstrapTokenSecret,
  DEFAULT_NODE_TOKEN_GROUP,
  formatBootstrapToken,
  generateBootstrapToken,
} from '@kubenest/auth/authn/bootstrap-token';

const USAGE = `usage: npm run token:create -- [--ttl 24h] [--description text] [--groups g1,g2] [--kubeconfig path]
  --ttl          how long the token works: 90s, 30m, 24h, 7d; 0 for ever (default 24h)
  --groups       extra groups, each system:bootstrappers:... (default ${DEFAULT_NODE_TOKEN_GROUP})
  --kubeconfig   default $KUBENEST_DATA_DIR/admin.kubeconfig (KUBENEST_DATA_DIR defaults to .kubenest)`;

interface Options {
  ttlMs: number;
  description: string;
  groups: string[];
  kubeconfig: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const parseTtl = (text: string): number => {
  if (text === '0') return 0;
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new Error(`--ttl: expected a number and a unit (s, m, h, d), got "${text}"`);
  return Number(match[1]) * UNITS[match[2]];
};

const parseArgs = (argv: string[]): Options => {
  const options: Options = {
    ttlMs: UNITS.h * 24,
    description: 'created by npm run token:create',
    groups: [DEFAULT_NODE_TOKEN_GROUP],
    kubeconfig: join(process.env.KUBENEST_DATA_DIR || '.kubenest', 'admin.kubeconfig'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--ttl') options.ttlMs = parseTtl(value());
    else if (flag === '--description') options.description = value();
    else if (flag === '--groups') options.groups = value().split(',').filter(Boolean);
    else if (flag === '--kubeconfig') options.kubeconfig = value();
    else throw new Error(`unknown flag ${flag}\n${USAGE}`);
  }
  return options;
};

interface AdminCredentials {
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const readKubeconfig = (path: string): AdminCredentials => {
  const config = parse(readFileSync(path, 'utf8'));
  const context = config.contexts?.find((c: any) => c.name === config['current-context'])?.context;
  const cluster = config.clusters?.find((c: any) => c.name === context?.cluster)?.cluster;
  const user = config.users?.find((u: any) => u.name === context?.user)?.user;
  const data = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');
  if (!cluster?.server || !user?.['client-certificate-data']) {
    throw new Error(`${path}: expected a current context with a server and an embedded client certificate`);
  }
  return {
    server: cluster.server,
    caPem: data(cluster['certificate-authority-data']),
    certPem: data(user['client-certificate-data']),
    keyPem: data(user['client-key-data']),
  };
};

const post = (credentials: AdminCredentials, path: string, body: unknown): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, credentials.server);
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        ca: credentials.caPem,
        cert: credentials.certPem,
        key: credentials.keyPem,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

const main = async (): Promise<void> => {
  const options = parseArgs(process.argv.slice(2));
  const credentials = readKubeconfig(options.kubeconfig);
  const token = generateBootstrapToken();
  const expiration = options.ttlMs > 0 ? new Date(Date.now() + options.ttlMs) : undefined;
  const secret = bootstrapTokenSecret(token, { expiration, description: options.description, groups: options.groups });
  const res = await post(credentials, '/api/v1/namespaces/kube-system/secrets', secret);
  if (res.status !== 201) {
    let message = res.text;
    try {
      message = JSON.parse(res.text).message ?? message;
    } catch {
      // not a Status body: show it as it came
    }
    throw new Error(`creating the token's secret failed (${res.status}): ${message}`);
  }
  const text = formatBootstrapToken(token);
  const hash = caPublicKeyHash(credentials.caPem);
  process.stdout.write(
    [
      `token: ${text}`,
      `ca-cert-hash: ${hash}`,
      `expires: ${expiration ? expiration.toISOString() : 'never'}`,
      '',
      // A token given as --token is in the agent's command line, which every local user can read.
      'Join a node with the token in a file only its owner reads:',
      `  (umask 077; echo '${text}' > bootstrap-token)`,
      `  npm run agent -- --server ${credentials.server} --token-file bootstrap-token --ca-cert-hash ${hash}`,
      '',
    ].join('\n'),
  );
};

main().catch((e: unknown) => {
  process.stderr.write(`token:create: ${(e as Error).message}\n`);
  process.exit(1);
});
