// A container's output as attach sessions see it: every chunk of its stdout and stderr from the
// moment they listen, beside the log file that gets all of it, and when both streams have ended.
import { Readable } from 'node:stream';
import type { OutputListener } from './container-runtime';

const ended = (stream: Readable): Promise<void> =>
  new Promise((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', resolve);
    stream.once('close', resolve);
  });

export class OutputTap {
  private readonly listeners = new Set<OutputListener>();
  private done = false;
  private readonly ends = new Set<() => void>();

  constructor(stdout: Readable, stderr: Readable) {
    stdout.on('data', (data: Buffer) => this.listeners.forEach((listener) => listener('stdout', data)));
    stderr.on('data', (data: Buffer) => this.listeners.forEach((listener) => listener('stderr', data)));
    void Promise.all([ended(stdout), ended(stderr)]).then(() => {
      this.done = true;
      this.ends.forEach((onEnd) => onEnd());
      this.ends.clear();
      this.listeners.clear();
    });
  }

  watch(listener: OutputListener, onEnd: () => void): () => void {
    if (this.done) {
      onEnd();
      return () => undefined;
    }
    this.listeners.add(listener);
    this.ends.add(onEnd);
    return () => {
      this.listeners.delete(listener);
      this.ends.delete(onEnd);
    };
  }
}
