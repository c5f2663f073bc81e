// The in-flight limit as kube's WithMaxInFlightLimit: reads and writes counted apart, 429 with
// Retry-After: 1 past the limit, places given back when a request ends however it ends, long-running
// requests and system:masters never refused; and the attacker's case, slow requests filling every
// place, which starves neither watches nor streams.
import { UserInfo } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { maxInFlightStage, tooManyRequests } from './max-in-flight.stage';
import { PipelineContext, Route } from './stage';

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };
const admin: UserInfo = { name: 'kubenest-admin', groups: ['system:masters', 'system:authenticated'] };

const context = (verb: string, longRunning = false, user = alice): PipelineContext => {
  const route: Route = {
    attributes: { user, verb, apiGroup: '', resource: 'pods', subresource: '', namespace: '', name: '' },
    longRunning,
    serve: async () => undefined,
  };
  return { req: { user } as ApiMessage, res: {} as never, endpoint: { route: () => route }, route };
};

/** A request that holds its place until released. */
const holding = () => {
  let release = () => undefined as void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { next: () => done, release };
};

const outcome = (p: Promise<void>): Promise<string> =>
  p.then(
    () => 'served',
    (e: { code?: number }) => String(e.code),
  );

describe('maxInFlightStage', () => {
  it.each([
    { name: 'reads past the read limit', held: ['list', 'get'], next: 'get', want: '429' },
    { name: 'a watch past the read limit', held: ['list', 'get'], next: 'watch', want: '429' },
    { name: 'a write while reads are full', held: ['list', 'get'], next: 'create', want: 'served' },
    { name: 'writes past the write limit', held: ['create'], next: 'delete', want: '429' },
    { name: 'a read while writes are full', held: ['patch'], next: 'list', want: 'served' },
    { name: 'a non-resource post counts as a write', held: ['update'], next: 'post', want: '429' },
  ])('$name: $want', async ({ held, next, want }) => {
    const stage = maxInFlightStage({ maxRequestsInFlight: 2, maxMutatingRequestsInFlight: 1 });
    const holders = held.map(() => holding());
    const running = held.map((verb, i) => stage(context(verb), holders[i].next));
    expect(await outcome(stage(context(next), async () => undefined))).toBe(want);
    holders.forEach((h) => h.release());
    await Promise.all(running);
  });

  it('answers 429 TooManyRequests with Retry-After: 1, as kube', () => {
    expect(tooManyRequests().toStatus()).toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 1 },
    });
  });

  it('gives a place back when its request ends, served or failed', async () => {
    const stage = maxInFlightStage({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 });
    await stage(context('get'), async () => undefined);
    await expect(stage(context('get'), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await outcome(stage(context('get'), async () => undefined))).toBe('served');
  });

  it('counts nothing with a limit of 0', async () => {
    const stage = maxInFlightStage({ maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0 });
    const holders = Array.from({ length: 1000 }, () => holding());
    const running = holders.map((h) => stage(context('get'), h.next));
    expect(await outcome(stage(context('get'), async () => undefined))).toBe('served');
    holders.forEach((h) => h.release());
    await Promise.all(running);
  });

  it('lets system:masters through past the limit, as kube: the admin always gets an answer', async () => {
    const stage = maxInFlightStage({ maxRequestsInFlight: 1, maxMutatingRequestsInFlight: 1 });
    const holder = holding();
    const running = stage(context('get'), holder.next);
    expect(await outcome(stage(context('get', false, admin), async () => undefined))).toBe('served');
    expect(await outcome(stage(context('get'), async () => undefined))).toBe('429');
    holder.release();
    await running;
  });

  it('is not starved by slow requests filling every place: watches and streams still pass, and hold none', async () => {
    const stage = maxInFlightStage({ maxRequestsInFlight: 400, maxMutatingRequestsInFlight: 200 });
    // An attacker's slow reads and writes take every place.
    const slow = [...Array(400).fill('get'), ...Array(200).fill('create')].map((verb) => ({ verb, ...holding() }));
    const running = slow.map((s) => stage(context(s.verb), s.next));
    expect(await outcome(stage(context('list'), async () => undefined))).toBe('429');
    expect(await outcome(stage(context('create'), async () => undefined))).toBe('429');
    // Long-running requests are neither refused nor counted: a thousand watches and exec streams stay open.
    const streams = Array.from({ length: 1000 }, (_, i) => ({ verb: i % 2 ? 'watch' : 'create', ...holding() }));
    const open = streams.map((s) => outcome(stage(context(s.verb, true), s.next)));
    slow.forEach((s) => s.release());
    await Promise.all(running);
    expect(await outcome(stage(context('list'), async () => undefined))).toBe('served');
    streams.forEach((s) => s.release());
    expect(new Set(await Promise.all(open))).toEqual(new Set(['served']));
  });
});
