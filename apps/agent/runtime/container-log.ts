// Appends a container's stdout and stderr to its log file in CRI format while the process runs.
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { criFinalRecord, criRecords, criTimestamp, LogStream } from './cri-log-format';

const now = () => criTimestamp(performance.timeOrigin + performance.now());

/** Resolves once both streams have ended and everything is on disk. */
export function writeContainerLog(path: string, streams: Record<LogStream, Readable>): Promise<void> {
  const file = createWriteStream(path, { flags: 'a' });
  const drained = (Object.entries(streams) as [LogStream, Readable][]).map(
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
          file.write(criFinalRecord(rest, name, now()));
          done();
        });
      }),
  );
  return Promise.all(drained).then(() => new Promise<void>((done) => file.end(done)));
}
