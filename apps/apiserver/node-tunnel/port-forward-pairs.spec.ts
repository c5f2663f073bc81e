import { OutgoingFrame } from './spdy/frames';
import { SpdyStream } from './spdy';
import { PortForwardPair, requestIdOf, StreamPairer } from './port-forward-pairs';

/** Records what streams send, as their session would put it on the wire. */
class FakeOwner {
  readonly frames: OutgoingFrame[] = [];
  send(frame: OutgoingFrame): void {
    this.frames.push(frame);
  }
  forget(): void {}

  resets(): number[] {
    return this.frames.flatMap((f) => (f.type === 'rstStream' ? [f.streamId] : []));
  }

  text(streamId: number): string {
    return Buffer.concat(
      this.frames.flatMap((f) => (f.type === 'data' && f.streamId === streamId ? [f.data] : [])),
    ).toString('utf8');
  }
}

const stream = (owner: FakeOwner, id: number, type: string, requestId?: string) =>
  new SpdyStream(id, { streamtype: [type], port: ['80'], ...(requestId ? { requestid: [requestId] } : {}) }, owner);

describe('port-forward stream pairing', () => {
  let owner: FakeOwner;
  let pairs: PortForwardPair[];
  let pairer: StreamPairer;

  beforeEach(() => {
    owner = new FakeOwner();
    pairs = [];
    pairer = new StreamPairer((p) => pairs.push(p), 50);
  });

  afterEach(() => pairer.close());

  const summary = () => pairs.map((p) => ({ requestId: p.requestId, error: p.error.id, data: p.data.id }));

  it('pairs by requestid, however the connections interleave', () => {
    pairer.add(stream(owner, 1, 'error', '0'));
    pairer.add(stream(owner, 3, 'error', '1'));
    pairer.add(stream(owner, 5, 'data', '1'));
    pairer.add(stream(owner, 7, 'data', '0'));
    expect(summary()).toEqual([
      { requestId: '1', error: 3, data: 5 },
      { requestId: '0', error: 1, data: 7 },
    ]);
  });

  it('pairs the streams of clients without request ids by their order, as kubelet does', () => {
    for (const [id, type] of [
      [1, 'error'],
      [3, 'data'],
      [5, 'error'],
      [7, 'data'],
    ] as const) {
      pairer.add(stream(owner, id, type));
    }
    expect(summary()).toEqual([
      { requestId: '1', error: 1, data: 3 },
      { requestId: '5', error: 5, data: 7 },
    ]);
  });

  it.each([
    { name: 'an error', type: 'error' as const, id: 9, want: '9' },
    { name: 'a data', type: 'data' as const, id: 11, want: '9' },
  ])("keys $name stream without requestid on the error stream's id", ({ type, id, want }) => {
    expect(requestIdOf(stream(owner, id, type), type)).toBe(want);
  });

  it.each([{ type: 'stdin' }, { type: '' }])('refuses a stream of type "$type"', ({ type }) => {
    pairer.add(stream(owner, 1, type, '0'));
    expect(owner.resets()).toEqual([1]);
    expect(pairs).toEqual([]);
  });

  it('refuses a second stream of a type its request already has', () => {
    pairer.add(stream(owner, 1, 'data', '0'));
    pairer.add(stream(owner, 3, 'data', '0'));
    expect(owner.resets()).toEqual([3]);
    pairer.add(stream(owner, 5, 'error', '0'));
    expect(summary()).toEqual([{ requestId: '0', error: 5, data: 1 }]);
  });

  it('gives up on a pair left incomplete, saying so on its error stream', async () => {
    pairer.add(stream(owner, 1, 'error', '7'));
    await new Promise((r) => setTimeout(r, 80));
    expect(owner.text(1)).toBe('(request 7) timed out waiting for streams');
    expect(owner.frames.some((f) => f.type === 'data' && f.streamId === 1 && f.fin)).toBe(true);
    pairer.add(stream(owner, 3, 'data', '7'));
    await new Promise((r) => setTimeout(r, 80));
    expect(owner.resets()).toEqual([3]);
    expect(pairs).toEqual([]);
  });
});
