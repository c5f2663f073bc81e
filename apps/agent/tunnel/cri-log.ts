// Container log lines in the CRI format kubelet reads (`<RFC3339Nano> <stream> <P|F> <text>`) and
// the selection `kubectl logs` asks for: since a time, the last N lines, with or without timestamps.
import { LogOptions } from '@kubenest/node-protocol';

export interface CriRecord {
  /** As written, RFC 3339 with nanoseconds. */
  timestamp: string;
  /** Milliseconds since the epoch, for comparisons. */
  time: number;
  stream: 'stdout' | 'stderr';
  /** A `P` record: the line continues in the next record. */
  partial: boolean;
  content: string;
}

const CRI_LINE = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/s;

/** One line of a CRI log file, without its newline; undefined when it is not one. */
export const parseCriLine = (line: string): CriRecord | undefined => {
  const m = CRI_LINE.exec(line);
  if (!m) return undefined;
  const time = Date.parse(m[1]);
  if (Number.isNaN(time)) return undefined;
  return { timestamp: m[1], time, stream: m[2] as CriRecord['stream'], partial: m[3] === 'P', content: m[4] };
};

/**
 * Records as kubelet writes them: a newline after each full one, and when asked the timestamp
 * where a line starts (not before the continuation of a partial one). `atLineStart` carries that
 * state from one batch to the next.
 */
export const formatRecords = (
  records: CriRecord[],
  timestamps: boolean,
  atLineStart = true,
): { text: string; atLineStart: boolean } => {
  let text = '';
  let start = atLineStart;
  for (const r of records) {
    text += `${timestamps && start ? `${r.timestamp} ` : ''}${r.content}${r.partial ? '' : '\n'}`;
    start = !r.partial;
  }
  return { text, atLineStart: start };
};

/** The earliest time (ms) a record may have to be shown, from sinceTime or sinceSeconds. */
export const sinceCutoff = (
  options: Pick<LogOptions, 'sinceSeconds' | 'sinceTime'>,
  now: number,
): number | undefined => {
  if (options.sinceTime) return Date.parse(options.sinceTime);
  if (options.sinceSeconds !== undefined) return now - options.sinceSeconds * 1000;
  return undefined;
};

/** The records `kubectl logs` shows from a file's records: since the cutoff, then the last tailLines lines. */
export const selectRecords = (
  records: CriRecord[],
  options: Pick<LogOptions, 'sinceSeconds' | 'sinceTime' | 'tailLines'>,
  now: number,
): CriRecord[] => {
  const cutoff = sinceCutoff(options, now);
  const recent = cutoff === undefined ? records : records.filter((r) => r.time >= cutoff);
  if (options.tailLines === undefined) return recent;
  if (options.tailLines === 0) return [];
  // Lines, not records: a partial record belongs to the line its last F record ends.
  let lines = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    if (!recent[i].partial && ++lines > options.tailLines) return recent.slice(i + 1);
  }
  return recent;
};

/** Splits text into complete lines and the unfinished rest, which waits for more bytes. */
export const splitLines = (text: string): { lines: string[]; rest: string } => {
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
};

/** Output cut to a byte budget (limitBytes); `remaining` undefined means no limit. */
export const withinLimit = (text: string, remaining: number | undefined): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  return remaining === undefined || bytes.length <= remaining ? bytes : bytes.subarray(0, remaining);
};
