// Which requests are long-running (exempt from the in-flight limit and the deadline): kube's
// BasicLongRunningRequestCheck, a GET with ?watch, and the agents' tunnel.
import { parse } from 'node:querystring';
import { AuthorizationAttributes, UserInfo } from '@kubenest/auth';
import { isLongRunningResourceRequest, isTunnelPath } from './long-running';

const user: UserInfo = { name: 'alice', groups: [] };

const attributes = (verb: string, subresource = ''): AuthorizationAttributes => ({
  user,
  verb,
  apiGroup: '',
  resource: 'pods',
  subresource,
  namespace: 'default',
  name: '',
});

describe('isLongRunningResourceRequest', () => {
  it.each([
    { method: 'GET', verb: 'watch', subresource: '', query: 'watch=true', want: true },
    { method: 'GET', verb: 'get', subresource: '', query: 'watch=1', want: true },
    { method: 'GET', verb: 'list', subresource: '', query: '', want: false },
    { method: 'GET', verb: 'get', subresource: '', query: '', want: false },
    { method: 'POST', verb: 'create', subresource: '', query: 'watch=true', want: false },
    { method: 'GET', verb: 'get', subresource: 'log', query: '', want: true },
    { method: 'POST', verb: 'create', subresource: 'exec', query: '', want: true },
    { method: 'GET', verb: 'get', subresource: 'attach', query: '', want: true },
    { method: 'POST', verb: 'create', subresource: 'portforward', query: '', want: true },
    { method: 'GET', verb: 'get', subresource: 'proxy', query: '', want: true },
    { method: 'GET', verb: 'get', subresource: 'status', query: '', want: false },
    { method: 'PUT', verb: 'update', subresource: 'scale', query: '', want: false },
  ])('$method $verb $subresource ?$query → $want', ({ method, verb, subresource, query, want }) => {
    expect(isLongRunningResourceRequest(attributes(verb, subresource), method, parse(query))).toBe(want);
  });
});

describe('isTunnelPath', () => {
  it.each([
    ['/tunnel/v1/nodes/n1', true],
    ['/tunnel/v1/nodes/n1/streams/s1', true],
    ['/tunnel/v1/nodes', false],
    ['/version', false],
    ['/api/v1/nodes/n1/proxy', false],
  ])('%s → %s', (path, want) => {
    expect(isTunnelPath(path)).toBe(want);
  });
});
