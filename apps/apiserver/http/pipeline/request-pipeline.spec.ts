// The pipeline's order, as kube-apiserver's handler chain: authentication before anything reads
// the body, audit once the user is known, authorization before the in-flight limit and the
// handler; a refusal from any stage is one Status response, with the connection closed when a body
// is left unread.
import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { AuthorizationAttributes, UserInfo } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { AuditHook } from './audit.stage';
import { defaultStages, RequestPipeline } from './request-pipeline';
import { Endpoint } from './stage';

const user: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

const request = (headers: Record<string, string> = {}) =>
  Object.assign(new EventEmitter(), {
    method: 'GET',
    url: '/x',
    pathname: '/x',
    headers,
    socket: {},
  }) as unknown as ApiMessage;

const response = () => {
  const sent: { code?: number; headers?: Record<string, string>; body?: string } = {};
  const res = Object.assign(new EventEmitter(), {
    headersSent: false,
    statusCode: 200,
    writeHead: (code: number, headers: Record<string, string>) => Object.assign(sent, { code, headers }),
    end: (body: string) => (sent.body = body),
  }) as unknown as ServerResponse;
  return { res, sent };
};

/** A pipeline of the default stages whose every step writes what it does to `log`. */
const setUp = (refuse: { authn?: boolean; authz?: boolean; route?: boolean } = {}) => {
  const log: string[] = [];
  const attributes = (): AuthorizationAttributes => ({
    user,
    verb: 'get',
    apiGroup: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
    path: '/x',
  });
  const endpoint: Endpoint = {
    route: (req) => {
      log.push(`route as ${req.user?.name}`);
      if (refuse.route) throw new StatusError(404, 'NotFound', 'no such path');
      return {
        attributes: attributes(),
        longRunning: false,
        serve: async () => void log.push('handler'),
      };
    },
  };
  const audit: AuditHook = {
    requestReceived: (r) => void log.push(`audit ${r.user.name}`),
    responseComplete: (_r, code) => void log.push(`audit complete ${code}`),
  };
  const pipeline = new RequestPipeline(
    defaultStages({
      authenticator: {
        authenticate: async () => {
          log.push('authenticate');
          if (refuse.authn) throw StatusError.unauthorized();
          return user;
        },
      },
      authorizer: {
        authorize: async () => {
          log.push('authorize');
          return { allowed: !refuse.authz, reason: '' };
        },
      },
      audit,
      inFlight: { maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 },
    }),
  );
  return { pipeline, endpoint, log };
};

describe('RequestPipeline', () => {
  it.each([
    {
      name: 'an allowed request',
      refuse: {},
      steps: ['authenticate', 'audit alice', 'route as alice', 'authorize', 'handler'],
    },
    { name: 'wrong credentials', refuse: { authn: true }, steps: ['authenticate'], code: 401 },
    {
      name: 'an unknown path',
      refuse: { route: true },
      steps: ['authenticate', 'audit alice', 'route as alice'],
      code: 404,
    },
    {
      name: 'a denied request',
      refuse: { authz: true },
      steps: ['authenticate', 'audit alice', 'route as alice', 'authorize'],
      code: 403,
    },
  ])('$name: $steps', async ({ refuse, steps, code }) => {
    const { pipeline, endpoint, log } = setUp(refuse);
    const { res, sent } = response();
    await pipeline.serve(request(), res, endpoint);
    expect(log).toEqual(steps);
    expect(sent.code).toBe(code);
    if (code) expect(JSON.parse(sent.body!)).toMatchObject({ kind: 'Status', code });
  });

  it('closes the connection of a refused request whose body is unread, and keeps the others', async () => {
    const { pipeline, endpoint } = setUp({ authz: true });
    const withBody = response();
    await pipeline.serve(request({ 'content-length': '10' }), withBody.res, endpoint);
    expect(withBody.sent).toMatchObject({ code: 403, headers: { Connection: 'close' } });
    const without = response();
    await pipeline.serve(request(), without.res, endpoint);
    expect(without.sent).toMatchObject({ code: 403, headers: {} });
  });

  it('tells the audit hook how the response completed', async () => {
    const { pipeline, endpoint, log } = setUp({ authz: true });
    const { res } = response();
    await pipeline.serve(request(), res, endpoint);
    res.statusCode = 403;
    res.emit('close');
    expect(log.at(-1)).toBe('audit complete 403');
  });

  it('authorizes before the in-flight limit: with its one place taken, a denied request is 403, an allowed one 429', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const endpoint: Endpoint = {
      route: (req) => ({
        attributes: {
          user: req.user!,
          verb: 'get',
          apiGroup: '',
          resource: '',
          subresource: '',
          namespace: '',
          name: '',
          path: req.pathname,
        },
        longRunning: false,
        serve: () => held,
      }),
    };
    const pipeline = new RequestPipeline(
      defaultStages({
        authenticator: { authenticate: async (req) => ({ name: String(req.headers.authorization), groups: [] }) },
        authorizer: { authorize: async (a) => ({ allowed: a.user.name !== 'mallory', reason: '' }) },
        inFlight: { maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 },
      }),
    );
    const slow = pipeline.serve(request({ authorization: 'alice' }), response().res, endpoint);
    const denied = response();
    await pipeline.serve(request({ authorization: 'mallory' }), denied.res, endpoint);
    const refused = response();
    await pipeline.serve(request({ authorization: 'bob' }), refused.res, endpoint);
    expect([denied.sent.code, refused.sent.code]).toEqual([403, 429]);
    release();
    await slow;
  });
});
