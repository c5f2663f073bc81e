// Which requests are long-running, exempt from the in-flight limit and the deadline: kube-apiserver's
// BasicLongRunningRequestCheck (the watch and proxy verbs; the attach, exec, proxy, log and
// portforward subresources), and the agents' tunnel, which stays open as long as its node does.
import { firstValue, queryBool, QueryParams } from '@kubenest/apimachinery/query';
import { AuthorizationAttributes } from '@kubenest/auth';
import { TUNNEL_PATH } from '@kubenest/node-protocol';

const LONG_RUNNING_VERBS = new Set(['watch', 'proxy']);
const LONG_RUNNING_SUBRESOURCES = new Set(['attach', 'exec', 'proxy', 'log', 'portforward']);

/** A GET with ?watch is served as a watch even on one object's URL (verb get). */
export const isLongRunningResourceRequest = (a: AuthorizationAttributes, method: string, query: QueryParams): boolean =>
  LONG_RUNNING_VERBS.has(a.verb) ||
  LONG_RUNNING_SUBRESOURCES.has(a.subresource) ||
  (method === 'GET' && queryBool(firstValue(query, 'watch')));

export const isTunnelPath = (path: string): boolean => path.startsWith(`${TUNNEL_PATH}/`);
