import type { PostgresServer } from './embedded-postgres';
import { PostgresSupervisor } from './postgres-supervisor';

class FakeServer implements PostgresServer {
  private end!: (how: string) => void;
  readonly exited = new Promise<string>((resolve) => (this.end = resolve));
  stops = 0;
  constructor(readonly pid: number) {}
  die(how = 'signal SIGKILL') {
    this.end(how);
  }
  async stop() {
    this.stops++;
    this.end('code 0');
  }
}

const policy = { baseMs: 100, maxMs: 400, healthyAfterMs: 10_000 };

function supervise(outcomes: ('ok' | 'fail')[] = []) {
  const servers: FakeServer[] = [];
  let attempts = 0;
  let now = 1_000;
  const supervisor = new PostgresSupervisor(
    async () => {
      attempts++;
      if (outcomes.shift() === 'fail') throw new Error('shared memory block still in use');
      const server = new FakeServer(servers.length + 1);
      servers.push(server);
      return server;
    },
    policy,
    () => now,
  );
  return { supervisor, servers, attempts: () => attempts, advance: (ms: number) => (now += ms) };
}

describe('PostgresSupervisor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts the server again after it dies, and is down only meanwhile', async () => {
    const { supervisor, servers, advance } = supervise();
    await supervisor.run();
    expect(supervisor.downSince()).toBeUndefined();
    servers[0].die();
    await jest.advanceTimersByTimeAsync(0);
    expect(supervisor.downSince()).toBe(1_000);
    advance(100);
    await jest.advanceTimersByTimeAsync(100);
    expect(servers).toHaveLength(2);
    expect(supervisor.downSince()).toBeUndefined();
    await supervisor.stop();
  });

  it('backs off while starts keep failing, and stays down since the crash', async () => {
    const { supervisor, servers, attempts } = supervise(['ok', 'fail', 'fail', 'fail', 'fail', 'ok']);
    await supervisor.run();
    servers[0].die();
    const startedAt: number[] = [];
    for (let t = 0; t <= 1_500; t += 50) {
      const before = attempts();
      await jest.advanceTimersByTimeAsync(50);
      if (attempts() > before) startedAt.push(t + 50);
    }
    // 100, then 200, 400, 400 (the ceiling) after each failure, then the start that succeeds.
    expect(startedAt).toEqual([100, 300, 700, 1100, 1500]);
    expect(servers).toHaveLength(2);
    expect(supervisor.downSince()).toBeUndefined();
    await supervisor.stop();
  });

  it('starts over from the first delay after a healthy run', async () => {
    const { supervisor, servers, attempts, advance } = supervise();
    await supervisor.run();
    servers[0].die();
    await jest.advanceTimersByTimeAsync(100);
    servers[1].die();
    await jest.advanceTimersByTimeAsync(100);
    expect(attempts()).toBe(2);
    await jest.advanceTimersByTimeAsync(100);
    expect(attempts()).toBe(3);
    advance(10_000);
    servers[2].die();
    await jest.advanceTimersByTimeAsync(100);
    expect(attempts()).toBe(4);
    await supervisor.stop();
  });

  it('stops the running server and starts none after stop()', async () => {
    const { supervisor, servers } = supervise();
    await supervisor.run();
    await supervisor.stop();
    expect(servers[0].stops).toBe(1);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(servers).toHaveLength(1);
    expect(supervisor.downSince()).toBeUndefined();
  });

  it('cancels a pending restart on stop()', async () => {
    const { supervisor, servers, attempts } = supervise();
    await supervisor.run();
    servers[0].die();
    await jest.advanceTimersByTimeAsync(10);
    await supervisor.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(attempts()).toBe(1);
  });

  it('fails run() when the first start fails', async () => {
    const { supervisor } = supervise(['fail']);
    await expect(supervisor.run()).rejects.toThrow('shared memory block still in use');
  });
});
