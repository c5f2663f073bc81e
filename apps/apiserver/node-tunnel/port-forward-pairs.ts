// Pairs the streams a port-forward client opens per forwarded connection (an error stream and a
// data stream) by their requestid, as kubelet does, and gives up on a pair left incomplete.
import { headerValue, SpdyStream } from './spdy';

export interface PortForwardPair {
  requestId: string;
  error: SpdyStream;
  data: SpdyStream;
}

type StreamType = 'error' | 'data';

interface PendingPair {
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

/**
 * A stream's pair key. Clients older than request ids open the error then the data stream of a
 * connection back to back (odd ids two apart), so kubelet keys them on the error stream's id.
 */
export const requestIdOf = (stream: SpdyStream, type: StreamType): string => {
  const given = headerValue(stream.headers, 'requestID');
  if (given) return given;
  return String(type === 'error' ? stream.id : stream.id - 2);
};

export class StreamPairer {
  private readonly pending = new Map<string, PendingPair>();

  constructor(
    private readonly onPair: (pair: PortForwardPair) => void,
    private readonly timeoutMs: number,
  ) {}

  /** Takes one stream the client opened; calls onPair once its partner is in too. */
  add(stream: SpdyStream): void {
    const type = headerValue(stream.headers, 'streamType');
    // As kubelet: a stream of no known type is refused.
    if (type !== 'error' && type !== 'data') return stream.reset();
    const requestId = requestIdOf(stream, type);
    let pair = this.pending.get(requestId);
    if (!pair) {
      pair = { timer: setTimeout(() => this.expire(requestId), this.timeoutMs) };
      this.pending.set(requestId, pair);
    }
    if (pair[type]) return stream.reset();
    pair[type] = stream;
    if (!pair.error || !pair.data) return;
    clearTimeout(pair.timer);
    this.pending.delete(requestId);
    this.onPair({ requestId, error: pair.error, data: pair.data });
  }

  /** The connection is gone: incomplete pairs are dropped (their streams were reset with it). */
  close(): void {
    for (const pair of this.pending.values()) clearTimeout(pair.timer);
    this.pending.clear();
  }

  private expire(requestId: string): void {
    const pair = this.pending.get(requestId);
    if (!pair) return;
    this.pending.delete(requestId);
    pair.error?.write(Buffer.from(`(request ${requestId}) timed out waiting for streams`));
    pair.error?.end();
    pair.data?.reset();
  }
}
