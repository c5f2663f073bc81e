// Runs the real kubectl installed on the machine (a given minor version, or the dispatcher)
// against a test server, with a fresh discovery cache per runner.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** The directory holding kubectl and kubectl.1.27 ... kubectl.1.33. */
export const kubectlDir = (): string =>
  dirname(realpathSync(execFileSync('sh', ['-c', 'command -v kubectl']).toString().trim()));

export class Kubectl {
  private static readonly cacheRoot = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  readonly cacheDir = mkdtempSync(join(Kubectl.cacheRoot, 'run-'));
  readonly binary: string;

  static {
    process.once('exit', () => rmSync(Kubectl.cacheRoot, { recursive: true, force: true }));
  }

  /** minor: 27..33 for kubectl.1.<minor>, or undefined for the dispatcher. */
  constructor(
    private readonly kubeconfig: string,
    minor?: number,
  ) {
    this.binary = minor ? join(kubectlDir(), `kubectl.1.${minor}`) : 'kubectl';
  }

  run(args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(
        this.binary,
        ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args],
        { timeout: options.timeoutMs ?? 60_000, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  }

  /** Runs and fails the test with kubectl's stderr when it exits non-zero. */
  async ok(args: string[], options: KubectlOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
    }
    return result.stdout;
  }

  /** Starts a long-running kubectl (e.g. get -w), collecting its output until stopped. */
  start(args: string[]): { output: () => string; stop: () => void } {
    const child = spawn(this.binary, ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => (out += d.toString()));
    return { output: () => out, stop: () => child.kill('SIGTERM') };
  }
}
