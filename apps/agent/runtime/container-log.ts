// Appends a container's stdout and stderr to its log file in CRI format while the agent reads
// them: until the process's output ends, or until the agent detaches, leaving the rest in the
// pipes for its next run (a line cut there is written as a partial record, continued then).
import { createWriteStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { criFinalRecord, criPartialRecord, criRecords, criTimestamp, LogStream } from './cri-log-format';

const logger = new Logger('ContainerLog');

const now = () => criTimestamp(performance.timeOrigin + performance.now());

export interface ContainerLog {
  /** Resolves once both streams have ended (or the log was detached) and everything is on disk. */
  written: Promise<void>;
  /** Stops reading the sources and destroys them: what is not read yet is left to the next reader. */
  detach(): Promise<void>;
}

export function writeContainerLog(path: string, sources: Record<LogStream, Readable>): ContainerLog {
  const file = createWriteStream(path, { flags: 'a' });
  // The pod's directory removed under a running container (a deleted pod): its output is dropped.
  file.on('error', (e) => logger.warn(`${path}: ${e.message}`));
  let detached = false;
  // The log reads text from its own copies: attach sessions get the sources' bytes as they came.
  const copies = { stdout: sources.stdout.pipe(new PassThrough()), stderr: sources.stderr.pipe(new PassThrough()) };
  const drained = (Object.entries(copies) as [LogStream, PassThrough][]).map(
    ([name, stream]) =>
      new Promise<void>((done) => {
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          const out = criRecords(rest, chunk, name, now());
          rest = out.rest;
          if (out.records) file.write(out.records);
        });
        stream.on('close', () => {
          file.write((detached ? criPartialRecord : criFinalRecord)(rest, name, now()));
          done();
        });
      }),
  );
  const written = Promise.all(drained).then(() => new Promise<void>((done) => file.end(done)));
  return {
    written,
    detach: () => {
      detached = true;
      for (const name of ['stdout', 'stderr'] as const) {
        const source = sources[name];
        source.unpipe(copies[name]);
        // What the source has read and not handed on yet goes in too; then it reads no more. All in
        // one turn of the event loop, so that nothing is read between the two.
        for (let chunk: unknown; (chunk = source.read()) !== null;) copies[name].write(chunk);
        copies[name].end();
        source.destroy();
      }
      return written;
    },
  };
}
