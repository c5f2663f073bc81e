// A watch stream cut into its newline-delimited JSON events, with a bound on how long one line may
// grow: without it a server that never sends a newline would make the client buffer without end.
// client-go's streaming decoder refuses an object past 16 MiB the same way.

/** The longest watch event line accepted by default, as client-go's streaming decoder's maxBytes. */
export const MAX_WATCH_LINE_BYTES = 16 * 1024 * 1024;

export class WatchLineTooLongError extends Error {
  constructor(readonly maxBytes: number) {
    super(`a watch event line is longer than ${maxBytes} bytes`);
    this.name = 'WatchLineTooLongError';
  }
}

/** Splits bytes into lines; keeps the unfinished line for the next chunk, as pieces (no quadratic copying). */
export class WatchLines {
  private pieces: Buffer[] = [];
  private pending = 0;

  constructor(private readonly maxBytes = MAX_WATCH_LINE_BYTES) {}

  /** The lines chunk completes, blank ones skipped; throws WatchLineTooLongError where one passes the bound. */
  *push(chunk: Buffer): Generator<string> {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.take(chunk.subarray(start, nl));
      const line = Buffer.concat(this.pieces, this.pending).toString('utf8');
      this.pieces = [];
      this.pending = 0;
      start = nl + 1;
      if (line.trim() !== '') yield line;
    }
    this.take(chunk.subarray(start));
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pending += piece.length;
    if (this.pending > this.maxBytes) throw new WatchLineTooLongError(this.maxBytes);
    this.pieces.push(piece);
  }
}
