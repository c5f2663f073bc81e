// Reads a container's log from the runtime's files, <podsDir>/<uid>/<container>/<restartCount>.log,
// as kubelet serves /containerLogs: the current (or previous) instance, selected and formatted,
// and with follow the lines appended after, until a newer instance starts or the pod is removed.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { formatRecords, parseCriLine, selectRecords, splitLines, withinLimit, CriRecord } from './cri-log';
import { LogOptions, PodRef, PodStreamError } from '@kubenest/node-protocol';

const POLL_MS = 200;
/** Polling pauses while this much output waits for the client. */
const HIGH_WATER = 1024 * 1024;

/** The restart counts that have a log file, in order. */
const instances = async (dir: string): Promise<number[]> => {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((n) => /^(\d+)\.log$/.exec(n))
    .flatMap((m) => (m ? [Number(m[1])] : []))
    .sort((a, b) => a - b);
};

const readFrom = async (file: string, offset: number): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

const records = (lines: string[]): CriRecord[] => lines.flatMap((l) => parseCriLine(l) ?? []);

export async function openContainerLog(
  podsDir: string,
  pod: PodRef,
  container: string,
  options: LogOptions,
  now = Date.now(),
): Promise<Readable> {
  const dir = join(podsDir, pod.uid, container);
  const known = await instances(dir);
  if (known.length === 0) {
    throw PodStreamError.badRequest(
      `container "${container}" in pod "${pod.name}" is waiting to start: ContainerCreating`,
    );
  }
  if (options.previous && known.length < 2) {
    throw PodStreamError.badRequest(`previous terminated container "${container}" in pod "${pod.name}" not found`);
  }
  const instance = options.previous ? known[known.length - 2] : known[known.length - 1];
  const file = join(dir, `${instance}.log`);
  let remaining = options.limitBytes;
  let offset = 0;
  let pendingText = '';
  let atLineStart = true;

  const out = new Readable({ read() {} });
  /** Pushes output within the byte limit; false once the limit is reached and the stream ended. */
  const emit = (text: string): boolean => {
    const bytes = withinLimit(text, remaining);
    if (bytes.length > 0) out.push(bytes);
    if (remaining !== undefined) {
      remaining -= bytes.length;
      if (remaining <= 0) {
        out.push(null);
        return false;
      }
    }
    return true;
  };
  const format = (batch: CriRecord[]): string => {
    const out = formatRecords(batch, options.timestamps, atLineStart);
    atLineStart = out.atLineStart;
    return out.text;
  };
  const readNew = async (): Promise<CriRecord[]> => {
    const bytes = await readFrom(file, offset);
    offset += bytes.length;
    const { lines, rest } = splitLines(pendingText + bytes.toString('utf8'));
    pendingText = rest;
    return records(lines);
  };

  const first = selectRecords(await readNew(), options, now);
  if (!emit(format(first))) return out;
  if (!options.follow || options.previous) {
    out.push(null);
    return out;
  }

  let timer: NodeJS.Timeout | undefined;
  const poll = async (): Promise<void> => {
    if (out.destroyed) return;
    if (out.readableLength < HIGH_WATER) {
      const newer = (await instances(dir)).some((n) => n > instance);
      const gone = await stat(dir).then(
        () => false,
        () => true,
      );
      const fresh = gone ? [] : await readNew().catch(() => []);
      if (!emit(format(fresh))) return;
      // The instance is over once a newer one writes or the pod is gone: what it wrote is all there is.
      if (newer || gone) {
        out.push(null);
        return;
      }
    }
    timer = setTimeout(() => void poll().catch((e: unknown) => out.destroy(e as Error)), POLL_MS);
  };
  out.on('close', () => clearTimeout(timer));
  timer = setTimeout(() => void poll().catch((e: unknown) => out.destroy(e as Error)), POLL_MS);
  return out;
}
