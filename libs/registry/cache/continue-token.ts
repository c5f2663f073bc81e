// List continue tokens in kube-apiserver's format: base64url of {"v","rv","start"}, where start is
// the key to resume at, relative to the listed prefix, and rv the revision pinned by the first page.
import { StatusError } from '@kubenest/apimachinery';

export interface ContinuePosition {
  /** The pinned revision; -1 asks for the latest state (an inconsistent continuation). */
  revision: number;
  /** Resume at the first key >= this full key. */
  startKey: string;
}

interface TokenBody {
  v: string;
  rv: number;
  start: string;
}

const API_VERSION = 'meta.k8s.io/v1';

/** Token resuming at startKey (a full key under prefix); -1 as revision continues at the latest state. */
export const encodeContinue = (startKey: string, prefix: string, revision: number): string => {
  const body: TokenBody = { v: API_VERSION, rv: revision, start: startKey.slice(prefix.length) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
};

/** The start key just after lastKey: "\0" is the smallest suffix. */
export const keyAfter = (lastKey: string): string => `${lastKey}\u0000`;

export const decodeContinue = (token: string, prefix: string): ContinuePosition => {
  const invalid = (detail: string) => StatusError.badRequest(`invalid continue token: ${detail}`);
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw invalid('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (body === null || typeof body !== 'object' || body.v !== API_VERSION)
    throw invalid('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof body.start !== 'string' || body.start.length === 0)
    throw invalid('continue key is not valid: encoded start key empty');
  if (body.start.startsWith('/') || body.start.split('/').includes('..'))
    throw invalid('continue key is not valid: start key is not a relative key');
  if (typeof body.rv !== 'number' || !Number.isInteger(body.rv) || body.rv === 0 || body.rv < -1)
    throw invalid('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return { revision: body.rv, startKey: prefix + body.start };
};
