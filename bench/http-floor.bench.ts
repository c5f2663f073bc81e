// The HTTP stack's own cost per request, under bench:api's load (32 keep-alive HTTPS clients
// POSTing a pod): plain node:https, Express 5, and Nest on Express, each reading the body and
// answering a canned 201 the way the apiserver does. It is the floor under bench:api's server CPU
// per create. Alternating rounds; prints a table, then one JSON line.
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { readFileSync } from 'node:fs';
import { Controller, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { Request, Response } from 'express';
import { Pool } from 'undici';
import { createCertificateAuthority, issueCertificateAndKey } from '../libs/pki';
import { rawBody } from '../apps/apiserver/http/raw-body';

const CLIENTS = 32;
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 8000);
const ROUNDS = 2;
const STACKS = ['node', 'express', 'nest'] as const;
type Stack = (typeof STACKS)[number];

const CREATED = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x'.repeat(1200) } });
const pod = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'bench', tier: 'web' } },
    spec: { containers: [{ name: 'app', image: 'registry.example/bench/app:1.0', ports: [{ containerPort: 8080 }] }] },
  });

const answer = (body: Buffer, res: ServerResponse) => {
  JSON.parse(body.toString('utf8'));
  res.writeHead(201, { 'Content-Type': 'application/json' });
  res.end(CREATED);
};

@Controller()
class CreateController {
  @Post('api/:version/*path')
  create(@Req() req: Request, @Res() res: Response): void {
    answer(req.body as Buffer, res);
  }
}

@Module({ controllers: [CreateController] })
class CreateModule {}

/** Runs in a child process: one stack on a free port, which it sends to the parent. */
const serve = async (stack: Stack, tls: { key: string; cert: string }): Promise<void> => {
  let server: Server;
  if (stack === 'node') {
    server = createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => answer(Buffer.concat(chunks), res));
    });
  } else if (stack === 'express') {
    const app = express();
    app.use(rawBody);
    app.post('/api/:version/*path', (req, res) => answer(req.body as Buffer, res));
    server = createServer(tls, app);
  } else {
    const app = await NestFactory.create(CreateModule, { bodyParser: false, logger: false, httpsOptions: tls });
    app.use(rawBody);
    await app.init();
    server = app.getHttpServer() as Server;
  }
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
};

const cpuMicros = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

const measure = async (stack: Stack, tls: { key: string; cert: string }) => {
  const child = fork(__filename, [stack], { env: { ...process.env, BENCH_TLS: JSON.stringify(tls) } });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const pool = new Pool(`https://127.0.0.1:${port}`, { connections: CLIENTS, connect: { rejectUnauthorized: false } });
  const load = async (ms: number) => {
    let requests = 0;
    const deadline = Date.now() + ms;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, w) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const res = await pool.request({
            method: 'POST',
            path: '/api/v1/namespaces/default/pods',
            headers: { 'content-type': 'application/json' },
            body: pod(`p-${w}-${i}`),
          });
          await res.body.text();
          requests++;
        }
      }),
    );
    return requests;
  };
  await load(1500);
  const before = cpuMicros(child.pid!);
  const started = performance.now();
  const requests = await load(RUN_MS);
  const figures = {
    perSecond: requests / ((performance.now() - started) / 1000),
    cpuUsPerRequest: (cpuMicros(child.pid!) - before) / requests,
  };
  await pool.close();
  child.kill();
  return figures;
};

const main = async () => {
  const ca = await createCertificateAuthority();
  const serving = await issueCertificateAndKey(ca, {
    commonName: 'http-floor',
    hosts: ['127.0.0.1'],
    usages: ['server'],
    days: 1,
  });
  const tls = { key: serving.keyPem, cert: serving.certPem };
  const runs = new Map<Stack, { perSecond: number; cpuUsPerRequest: number }[]>(STACKS.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const stack of STACKS) runs.get(stack)!.push(await measure(stack, tls));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const figures: Record<string, number | string> = { bench: 'http-floor', clients: CLIENTS };
  console.log(`HTTPS POST of a pod, ${CLIENTS} keep-alive clients, ${ROUNDS} alternating rounds of ${RUN_MS / 1000} s`);
  for (const stack of STACKS) {
    const cpu = Math.round(median(runs.get(stack)!.map((r) => r.cpuUsPerRequest)));
    const perSecond = Math.round(median(runs.get(stack)!.map((r) => r.perSecond)));
    console.log(`  ${stack.padEnd(8)} ${String(perSecond).padStart(6)}/s  server CPU ${cpu} µs per request`);
    figures[`${stack}PerSec`] = perSecond;
    figures[`${stack}CpuUsPerRequest`] = cpu;
  }
  console.log(JSON.stringify(figures));
};

const stack = process.argv[2] as Stack | undefined;
if (stack) {
  void serve(stack, JSON.parse(process.env.BENCH_TLS!) as { key: string; cert: string });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
