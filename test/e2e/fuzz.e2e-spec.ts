// The API under fuzzing (issue 8, "How it is checked"): every verb (GET, LIST, WATCH, POST, PUT,
// PATCH, DELETE) and body type (JSON, YAML, JSON patch, merge patch, strategic merge patch,
// protobuf), with seeded structure-aware mutations of valid objects (support/fuzz). No case may get
// a 5xx or an error that is not a Status, none may take more than a second of the server's CPU (read
// from /proc before and after each), and the server must answer at the end. The seed is printed:
// FUZZ_SEED=<seed> replays a run, FUZZ_SEED=<seed> FUZZ_ONLY=<case> sends only that case,
// FUZZ_SHOW=<n> shows n characters of a failing case's body, FUZZ_SECONDS sets how long it fuzzes
// (60 by default).
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { processCpuMs } from '@kubenest/testing/process-cpu';
import { httpsRequest } from './support/https-client';
import { Random } from './support/fuzz/random';
import { FuzzCases, FuzzRequest } from './support/fuzz/requests';
import { FuzzAnswer, send } from './support/fuzz/send';
import { fuzzNamespace, namePool, targets, validObject } from './support/fuzz/targets';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
const only = process.env.FUZZ_ONLY ? Number(process.env.FUZZ_ONLY) : undefined;
const show = Number(process.env.FUZZ_SHOW ?? 200);
const maxCpuMs = 1000;
const maxBodyBytes = 3 * 1024 * 1024;

/** What is wrong with an answer, if anything. */
const problemWith = (req: FuzzRequest, answer: FuzzAnswer, cpuMs: number): string | undefined => {
  if (cpuMs > maxCpuMs) return `took ${cpuMs} ms of CPU`;
  if (answer.error) {
    // The server refuses a body past 3 MiB before reading it and closes the connection.
    const oversized = req.body !== undefined && Buffer.byteLength(req.body) > maxBodyBytes;
    return oversized && /ECONNRESET|EPIPE/.test(answer.error) ? undefined : `no answer: ${answer.error}`;
  }
  if (answer.status >= 500) return `answered ${answer.status}`;
  // A request line past 16 KiB (a long selector) and CONNECT are answered before any route, with a Status too.
  if (answer.status >= 400 && req.method !== 'HEAD' && !/"kind":"Status"/.test(answer.text))
    return `answered ${answer.status} without a Status`;
  return undefined;
};

describe('fuzzing every verb and body type', () => {
  let server: KubenestServer;

  // A 500's Status names a correlation id; the server's log holds the error under it.
  const serverLogOf = (answer: FuzzAnswer): string => {
    const id = /correlation id ([\w-]+)/.exec(answer.text)?.[1];
    const lines = server.output().split('\n');
    const at = id ? lines.findIndex((l) => l.includes(id)) : -1;
    return at >= 0 ? `\n  server log: ${lines.slice(at, at + 8).join('\n')}` : '';
  };

  beforeAll(async () => {
    server = await startKubenest();
    const create = (path: string, body: unknown) =>
      httpsRequest(server, {
        method: 'POST',
        path,
        token: server.token,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await create('/api/v1/namespaces', { metadata: { name: fuzzNamespace } })).status).toBe(201);
    for (const target of targets) {
      for (const name of namePool.slice(0, 2))
        expect((await create(target.collection, validObject(target, name))).status).toBe(201);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it(`answers every case without a 5xx, each within ${maxCpuMs} ms of CPU`, async () => {
    const cases = new FuzzCases(new Random(seed));
    const failures: string[] = [];
    const byLabel = new Map<string, { count: number; maxCpuMs: number }>();
    let count = 0;
    const deadline = Date.now() + seconds * 1000;
    while (only !== undefined ? count < only : Date.now() < deadline) {
      const req = cases.next();
      count++;
      if (only !== undefined && count !== only) continue;
      const before = processCpuMs(server.pid);
      const answer = await send(server, server.token, req, 10_000);
      const cpuMs = processCpuMs(server.pid) - before;
      const stats = byLabel.get(req.label) ?? { count: 0, maxCpuMs: 0 };
      byLabel.set(req.label, { count: stats.count + 1, maxCpuMs: Math.max(stats.maxCpuMs, cpuMs) });
      const problem = problemWith(req, answer, cpuMs);
      if (problem) {
        failures.push(
          `case ${count} of seed ${seed}, ${req.label} ${req.kind}: ${req.method} ${req.path.slice(0, 160)} ` +
            `(${String(req.body ?? '').length} bytes: ${String(req.body ?? '').slice(0, show)}) ` +
            `${problem}: ${answer.text.slice(0, 300)}` +
            serverLogOf(answer),
        );
      }
    }
    const summary = [...byLabel]
      .sort()
      .map(([label, s]) => `  ${label}: ${s.count} cases, at most ${s.maxCpuMs} ms CPU`);
    console.log(`fuzz: seed ${seed}, ${count} cases in ${seconds} s\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
  });

  it('still answers afterwards', async () => {
    expect((await httpsRequest(server, { path: '/readyz' })).status).toBe(200);
    await expect(new Kubectl(server.kubeconfig, 33).ok(['get', 'namespaces'])).resolves.toContain(fuzzNamespace);
  });
});
