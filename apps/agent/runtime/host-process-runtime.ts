// The default runtime: each container's command runs as a supervised host process in its own
// process group, its output (named pipes that outlive the agent) appended to
// <data-dir>/pods/<uid>/<container>/<restartCount>.log and tapped for attach sessions, its stdin a
// pipe when the spec asks for one, on a pseudo-terminal (util-linux `script`) when the spec asks
// for a tty. A restarted agent adopts the processes its previous run left running.
// The image is only recorded: a container without a command or args cannot run here, and says so.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { ContainerOutput } from './container-output';
import { ContainerCannotRun } from './container-cannot-run';
import {
  AdoptedContainer,
  ContainerExit,
  ContainerRuntime,
  ContainerStartRequest,
  ExecOptions,
  OutputListener,
  RunningContainer,
} from './container-runtime';
import { execPlan } from './exec-plan';
import { launchPlan } from './launch-plan';
import { ensureMountPoint, linkMountPoint, removeMountPoints } from './mount-points';
import { childPids } from './proc-children';
import { ttyCommand } from './tty-command';
import { adoptedExit } from './adopted-exit';
import { killLeaderGroup } from './kill-group';
import { FifoSupply } from './fifo-supply';
import { closeFds, createOutputPipes, openOutputPipes } from './output-pipes';
import { processStartTicks, ProcessIdentity } from './proc-stat';
import {
  ProcessRecord,
  readProcessRecords,
  removeProcessRecord,
  stillRunning,
  writeProcessRecord,
} from './process-record';
import { terminalResizer } from './terminal-resize';
import type { TerminalSize } from '@kubenest/node-protocol';

/** What an image without ENV PATH gets from container runtimes. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const logger = new Logger('HostProcessRuntime');

/** The environment a container's process starts with, which an exec in it gets too. */
const processEnv = (request: ContainerStartRequest): Record<string, string> => ({
  PATH: DEFAULT_PATH,
  HOSTNAME: request.podName,
  // As container runtimes give a terminal; `script` runs its command with $SHELL.
  ...(request.tty ? { TERM: 'xterm', SHELL: '/bin/sh' } : {}),
  ...request.env,
});

/** Processes by their pids now, those that have exited since left out. */
const identified = (pids: number[]): ProcessIdentity[] =>
  pids.flatMap((pid) => {
    const startTicks = processStartTicks(pid);
    return startTicks === undefined ? [] : [{ pid, startTicks }];
  });

const signalNumber = (signal: string): number => constants.signals[signal as NodeJS.Signals] ?? 9;

/** Listens from the spawn on, so a process that ends at once is not missed. */
const exitOf = (child: ChildProcess, leader: ProcessIdentity): Promise<ContainerExit> =>
  new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      // As when a container's PID 1 ends: whatever it left behind in its group goes too.
      if (leader.pid) killLeaderGroup(leader, 'SIGKILL');
      resolve({
        exitCode: code ?? 128 + signalNumber(signal ?? 'SIGKILL'),
        signal: signal ?? undefined,
        finishedAt: new Date(),
      });
    }),
  );

class HostProcess implements RunningContainer {
  readonly exited: Promise<ContainerExit>;
  private result?: ContainerExit;
  private resizer?: (size: TerminalSize) => void;

  constructor(
    readonly id: string,
    private readonly leader: ProcessIdentity,
    readonly startedAt: Date,
    readonly logPath: string,
    readonly request: ContainerStartRequest,
    readonly privateMounts: boolean,
    readonly stdin: Writable | undefined,
    private readonly output: ContainerOutput,
    processExit: Promise<ContainerExit>,
    onExit: () => void,
  ) {
    this.exited = processExit.then((result) => {
      this.result = result;
      onExit();
      return result;
    });
  }

  get pid(): number {
    return this.leader.pid;
  }

  get stdinOnce(): boolean {
    return this.request.stdinOnce;
  }

  get tty(): boolean {
    return this.request.tty;
  }

  resizeTerminal(size: TerminalSize): void {
    if (!this.tty || this.result) return;
    // The container's process is `script` itself (the mount namespace's shell execs it).
    this.resizer ??= terminalResizer({ pid: this.pid } as ChildProcess);
    this.resizer(size);
  }

  exit(): ContainerExit | undefined {
    return this.result;
  }

  watchOutput(listener: OutputListener, onEnd: () => void): () => void {
    return this.output.watch(listener, onEnd);
  }

  detach(): Promise<void> {
    return this.output.detach();
  }

  async stop(gracePeriodSeconds: number): Promise<ContainerExit> {
    if (this.result) return this.result;
    // On a terminal the command leads a session of its own (script's setsid): its group goes too,
    // with what ignored the hangup of the closing terminal. script passes SIGTERM on to it.
    const terminalSessions = this.tty ? identified(await childPids(this.pid)) : [];
    // An adopted process's exit is seen up to a poll late: by the SIGKILL its pid may be another's.
    killLeaderGroup(this.leader, 'SIGTERM');
    const timer = setTimeout(() => killLeaderGroup(this.leader, 'SIGKILL'), Math.max(0, gracePeriodSeconds) * 1000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      for (const leader of terminalSessions) killLeaderGroup(leader, 'SIGKILL');
    }
  }
}

export class HostProcessRuntime implements ContainerRuntime {
  readonly name = 'hostprocess';
  private readonly podsDir: string;
  private readonly fifos: FifoSupply;

  constructor(
    dataDir: string,
    private readonly root = process.getuid?.() === 0,
  ) {
    this.podsDir = join(dataDir, 'pods');
    this.fifos = new FifoSupply(join(dataDir, 'spare-pipes'));
  }

  logPath(podUid: string, container: string, restartCount: number): string {
    return join(this.podsDir, podUid, container, `${restartCount}.log`);
  }

  async start(request: ContainerStartRequest): Promise<RunningContainer> {
    if (request.argv.length === 0) {
      throw new ContainerCannotRun(
        'RunContainerError',
        `the host-process runtime runs a container's command; image ${request.image} given without a command or args`,
      );
    }
    const podDir = join(this.podsDir, request.podUid);
    const containerDir = join(podDir, request.name);
    mkdirSync(containerDir, { recursive: true });
    const argv = request.tty ? ttyCommand(request.argv, undefined) : request.argv;
    const plan = launchPlan(argv, request.mounts, request.workingDir, this.root);
    // Only root gets a mount namespace, which an exec later joins. Without root an exec is a plain
    // host process: it sees a volume at its mountPath only where a symlink could be made there.
    const privateMounts = plan.file === 'unshare';
    try {
      if (privateMounts) for (const m of request.mounts) ensureMountPoint(podDir, m.source, m.target);
      for (const link of plan.links) {
        if (!linkMountPoint(podDir, link.source, link.target)) {
          logger.warn(
            `${request.podName}/${request.name}: ${link.target} exists; not running as root, volume not mounted there`,
          );
        }
      }
      if (!privateMounts && !existsSync(plan.cwd)) mkdirSync(plan.cwd, { recursive: true });
    } catch (e) {
      throw new ContainerCannotRun('CreateContainerError', `preparing the container failed: ${(e as Error).message}`);
    }
    const logPath = this.logPath(request.podUid, request.name, request.restartCount);
    const { pipes, childFds } = await createOutputPipes(containerDir, this.fifos).catch((e: Error) => {
      throw new ContainerCannotRun('CreateContainerError', `preparing the container's output failed: ${e.message}`);
    });
    let child: ChildProcess;
    try {
      child = spawn(plan.file, plan.args, {
        cwd: plan.cwd,
        env: processEnv(request),
        detached: true,
        // A terminal's input stays open even when no one may write to it, as a runtime's pty does.
        stdio: [request.stdin || request.tty ? 'pipe' : 'ignore', childFds[0], childFds[1]],
      });
    } finally {
      closeFds(childFds);
    }
    // A process that does not read its stdin, or has exited, must not fail an attach's writes loudly.
    child.stdin?.on('error', () => undefined);
    // Read before this process can reap it (its exit is handled on a later turn of the event loop).
    const pid = child.pid ?? 0;
    const leader = { pid, startTicks: processStartTicks(pid) ?? '' };
    const processExit = exitOf(child, leader);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => {
        pipes.stdout.destroy();
        pipes.stderr.destroy();
        reject(new ContainerCannotRun('RunContainerError', `starting ${request.argv[0]} failed: ${e.message}`));
      });
    });
    const id = randomBytes(16).toString('hex');
    const startedAt = new Date();
    writeProcessRecord(containerDir, { ...leader, id, startedAt: startedAt.toISOString(), privateMounts, request });
    const stdin = request.stdin ? (child.stdin ?? undefined) : undefined;
    return new HostProcess(
      id,
      leader,
      startedAt,
      logPath,
      request,
      privateMounts,
      stdin,
      new ContainerOutput(logPath, pipes),
      processExit,
      () => removeProcessRecord(containerDir),
    );
  }

  exec(container: RunningContainer, argv: string[], options: ExecOptions = {}): ChildProcess {
    const host = container as HostProcess;
    const context = {
      pid: host.pid,
      privateMounts: host.privateMounts,
      cwd: host.request.workingDir || '/',
      env: processEnv(host.request),
    };
    const plan = execPlan(argv, context, options.tty ? { size: options.size } : undefined);
    const child = spawn(plan.file, plan.args, { cwd: plan.cwd, env: plan.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const resize = options.tty ? options.resize : undefined;
    if (resize) {
      const apply = terminalResizer(child);
      resize.on('data', apply);
      child.once('close', () => resize.off('data', apply));
      resize.resume();
    }
    return child;
  }

  async adoptRunning(): Promise<AdoptedContainer[]> {
    const adopted: AdoptedContainer[] = [];
    for (const { podUid, container, record } of readProcessRecords(this.podsDir)) {
      const containerDir = join(this.podsDir, podUid, container);
      if (!stillRunning(record)) {
        removeProcessRecord(containerDir);
        continue;
      }
      try {
        adopted.push({
          podUid,
          name: container,
          restartCount: record.request.restartCount,
          container: this.adopt(record, containerDir),
        });
      } catch (e) {
        // A record of an agent that wrote no start request or output pipes (an older version): its
        // process cannot be taken over, and must not run beside the instance started in its place.
        logger.warn(
          `stopping pid ${record.pid} of ${podUid}/${container}, which cannot be adopted: ${(e as Error).message}`,
        );
        killLeaderGroup(record, 'SIGKILL');
        removeProcessRecord(containerDir);
      }
    }
    return adopted;
  }

  private adopt(record: ProcessRecord, containerDir: string): HostProcess {
    const { request } = record;
    const logPath = this.logPath(request.podUid, request.name, request.restartCount);
    // Its stdin was the earlier agent's pipe, gone with it: attach sessions get its output only.
    return new HostProcess(
      record.id,
      { pid: record.pid, startTicks: record.startTicks },
      new Date(record.startedAt),
      logPath,
      request,
      record.privateMounts,
      undefined,
      new ContainerOutput(logPath, openOutputPipes(containerDir)),
      adoptedExit(record),
      () => removeProcessRecord(containerDir),
    );
  }

  async removePod(podUid: string): Promise<void> {
    const podDir = join(this.podsDir, podUid);
    removeMountPoints(podDir);
    rmSync(podDir, { recursive: true, force: true });
  }
}
