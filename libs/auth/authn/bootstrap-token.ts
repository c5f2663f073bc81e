// Bootstrap tokens as kubeadm defines them: "<6-char id>.<16-char secret>", stored as a Secret
// `bootstrap-token-<id>` of type bootstrap.kubernetes.io/token in kube-system, authenticating as
// system:bootstrap:<id> in system:bootstrappers (plus the secret's auth-extra-groups).
import { randomInt, timingSafeEqual } from 'node:crypto';
import { metaTime } from '@kubenest/apimachinery';
import { UserInfo } from './user-info';

export const BOOTSTRAP_TOKEN_SECRET_TYPE = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_TOKEN_SECRET_PREFIX = 'bootstrap-token-';
export const BOOTSTRAP_TOKEN_NAMESPACE = 'kube-system';
export const BOOTSTRAPPERS_GROUP = 'system:bootstrappers';
export const BOOTSTRAP_USER_PREFIX = 'system:bootstrap:';
/** The extra group kubeadm gives the tokens it creates for joining nodes. */
export const DEFAULT_NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

const TOKEN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const EXTRA_GROUP = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface BootstrapToken {
  id: string;
  secret: string;
}

/** The id and secret of a well-formed token; undefined for any other bearer token. */
export const parseBootstrapToken = (token: string): BootstrapToken | undefined => {
  const match = TOKEN.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
};

export const formatBootstrapToken = (token: BootstrapToken): string => `${token.id}.${token.secret}`;

const randomText = (length: number): string =>
  Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export const generateBootstrapToken = (): BootstrapToken => ({ id: randomText(6), secret: randomText(16) });

export const bootstrapTokenSecretName = (id: string): string => `${BOOTSTRAP_TOKEN_SECRET_PREFIX}${id}`;

export interface BootstrapTokenOptions {
  /** When the token stops working; none: never. */
  expiration?: Date;
  description?: string;
  /** Extra groups, each system:bootstrappers:<something>. */
  groups?: readonly string[];
}

/** The Secret kubeadm writes for a token (data base64, as the API stores it). */
export const bootstrapTokenSecret = (token: BootstrapToken, options: BootstrapTokenOptions = {}) => {
  const strings: Record<string, string> = {
    'token-id': token.id,
    'token-secret': token.secret,
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
  };
  if (options.description) strings.description = options.description;
  if (options.expiration) strings.expiration = metaTime(options.expiration);
  if (options.groups?.length) strings['auth-extra-groups'] = options.groups.join(',');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: bootstrapTokenSecretName(token.id), namespace: BOOTSTRAP_TOKEN_NAMESPACE },
    type: BOOTSTRAP_TOKEN_SECRET_TYPE,
    data: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])),
  };
};

/** The parts of a Secret read here. */
export interface BootstrapTokenSecret {
  metadata: { name?: string; deletionTimestamp?: unknown };
  type?: string;
  data?: Record<string, string | undefined> | null;
}

const field = (secret: BootstrapTokenSecret, key: string): string | undefined => {
  const value = secret.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
};

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The user a token's secret grants, as kube-apiserver's bootstrap token authenticator decides:
 * undefined when the secret is not a usable bootstrap token; throws when the token is wrong or
 * expired (the reason is logged, the client only sees 401).
 */
export const bootstrapTokenUser = (
  secret: BootstrapTokenSecret,
  token: BootstrapToken,
  now: Date,
): UserInfo | undefined => {
  if (secret.type !== BOOTSTRAP_TOKEN_SECRET_TYPE || secret.metadata.deletionTimestamp) return undefined;
  if (field(secret, 'token-id') !== token.id) return undefined;
  if (!sameText(field(secret, 'token-secret') ?? '', token.secret)) {
    throw new Error(`bootstrap token ${token.id}: the secret does not match`);
  }
  const expiration = field(secret, 'expiration');
  // An expiration that does not parse counts as expired, as kube treats it.
  if (expiration !== undefined && !(Date.parse(expiration) > now.getTime())) {
    throw new Error(`bootstrap token ${token.id}: expired at ${expiration}`);
  }
  if (field(secret, 'usage-bootstrap-authentication') !== 'true') {
    throw new Error(`bootstrap token ${token.id}: not marked usage-bootstrap-authentication`);
  }
  const extra = (field(secret, 'auth-extra-groups') ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  const invalid = extra.filter((g) => !EXTRA_GROUP.test(g));
  if (invalid.length) throw new Error(`bootstrap token ${token.id}: invalid auth-extra-groups ${invalid.join(',')}`);
  return {
    name: `${BOOTSTRAP_USER_PREFIX}${token.id}`,
    groups: [...new Set([BOOTSTRAPPERS_GROUP, ...extra])],
  };
};
