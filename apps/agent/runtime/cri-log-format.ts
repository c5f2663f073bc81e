// Kubelet's CRI log line format: `<RFC3339 with nanoseconds> <stdout|stderr> <F|P> <text>`. Lines
// longer than the buffer are cut into partial (P) records, as container runtimes do.

export type LogStream = 'stdout' | 'stderr';

export const MAX_LOG_LINE = 16 * 1024;

/** 2024-01-01T00:00:00.123456000Z from milliseconds since the epoch with a fraction (microseconds kept). */
export const criTimestamp = (epochMs: number): string => {
  const whole = Math.floor(epochMs);
  const micros = Math.min(999, Math.floor((epochMs - whole) * 1000));
  return `${new Date(whole).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}000Z`;
};

/** Splits text into records; keeps an unterminated tail for the next chunk (returned as rest). */
export function criRecords(
  pending: string,
  chunk: string,
  stream: LogStream,
  time: string,
): { records: string; rest: string } {
  const parts = (pending + chunk).split('\n');
  let rest = parts.pop() ?? '';
  let records = parts.map((line) => `${time} ${stream} F ${line}\n`).join('');
  while (rest.length > MAX_LOG_LINE) {
    records += `${time} ${stream} P ${rest.slice(0, MAX_LOG_LINE)}\n`;
    rest = rest.slice(MAX_LOG_LINE);
  }
  return { records, rest };
}

/** The unterminated tail at end of stream, as a full line. */
export const criFinalRecord = (rest: string, stream: LogStream, time: string): string =>
  rest ? `${time} ${stream} F ${rest}\n` : '';

/** The unterminated tail when the agent stops reading (the line goes on in the next run's records). */
export const criPartialRecord = (rest: string, stream: LogStream, time: string): string =>
  rest ? `${time} ${stream} P ${rest}\n` : '';
