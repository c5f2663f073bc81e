import { StatusError } from '@kubenest/apimachinery';
import { AuthorizationAttributes } from './authorizer';
import { authorizeRequest } from './authorize-request';
import { BootstrapAuthorizer } from './bootstrap-authorizer';

const admin = { name: 'kubenest-admin', groups: ['system:masters', 'system:authenticated'] };
const bob = { name: 'bob', groups: ['dev', 'system:authenticated'] };
const anonymous = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

const resource = (over: Partial<AuthorizationAttributes>): AuthorizationAttributes => ({
  user: bob,
  verb: 'get',
  apiGroup: '',
  resource: 'pods',
  subresource: '',
  namespace: 'default',
  name: '',
  ...over,
});
const path = (p: string, over: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes =>
  resource({ resource: '', namespace: '', path: p, ...over });

describe('BootstrapAuthorizer', () => {
  const authorizer = new BootstrapAuthorizer();

  it.each([
    { name: 'system:masters on a resource', attributes: resource({ user: admin, verb: 'delete' }), allowed: true },
    { name: 'system:masters on a path', attributes: path('/openapi/v3', { user: admin }), allowed: true },
    { name: 'anyone reading /version', attributes: path('/version', { user: anonymous }), allowed: true },
    { name: 'anyone reading /readyz/ping', attributes: path('/readyz/ping'), allowed: true },
    { name: 'a user on a resource', attributes: resource({}), allowed: false },
    { name: 'a user on /api', attributes: path('/api'), allowed: false },
    { name: 'a post to a public path', attributes: path('/healthz', { verb: 'post' }), allowed: false },
  ])('$name → allowed $allowed', async ({ attributes, allowed }) => {
    expect((await authorizer.authorize(attributes)).allowed).toBe(allowed);
  });
});

describe('authorizeRequest', () => {
  const authorizer = new BootstrapAuthorizer();
  const denial = async (attributes: AuthorizationAttributes) => {
    const error = await authorizeRequest(authorizer, attributes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatusError);
    return (error as StatusError).toStatus();
  };
  const reason = 'only members of system:masters are authorized until RBAC is enabled';

  it('lets an allowed request through', async () => {
    await expect(authorizeRequest(authorizer, resource({ user: admin }))).resolves.toBeUndefined();
  });

  it.each([
    [
      resource({ verb: 'list' }),
      `pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default": ${reason}`,
      { kind: 'pods' },
    ],
    [
      resource({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'web', verb: 'patch' }),
      `deployments.apps "web" is forbidden: User "bob" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default": ${reason}`,
      { name: 'web', group: 'apps', kind: 'deployments' },
    ],
    [
      resource({ resource: 'nodes', namespace: '', verb: 'watch' }),
      `nodes is forbidden: User "bob" cannot watch resource "nodes" in API group "" at the cluster scope: ${reason}`,
      { kind: 'nodes' },
    ],
    [path('/apis'), `forbidden: User "bob" cannot get path "/apis": ${reason}`, undefined],
  ])('answers 403 with the Kubernetes wording (%#)', async (attributes, message, details) => {
    const status = await denial(attributes);
    expect(status).toMatchObject({ code: 403, reason: 'Forbidden', status: 'Failure', message });
    expect(status.details).toEqual(details);
  });
});
