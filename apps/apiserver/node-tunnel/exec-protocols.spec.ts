import { chooseFraming, decodeFromClient, encodeForClient, outcomeMessage } from './exec-protocols';

const v5 = chooseFraming(['v5.channel.k8s.io'])!;
const v4 = chooseFraming(['v4.channel.k8s.io'])!;
const b64 = chooseFraming(['v4.base64.channel.k8s.io'])!;
const v1 = chooseFraming(['channel.k8s.io'])!;

describe('exec subprotocols', () => {
  it.each([
    { offered: ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io'], want: 'v5.channel.k8s.io' },
    { offered: ['v4.channel.k8s.io'], want: 'v4.channel.k8s.io' },
    { offered: ['v3.channel.k8s.io', ' base64.channel.k8s.io'], want: 'base64.channel.k8s.io' },
    { offered: ['v2.channel.k8s.io'], want: undefined },
  ])('chooses from $offered', ({ offered, want }) => {
    expect(chooseFraming(offered)?.protocol).toBe(want);
  });

  it('frames binary protocols with the channel byte', () => {
    expect(encodeForClient(v5, 1, Buffer.from('hi'))).toEqual(Buffer.from([1, 104, 105]));
    expect(decodeFromClient(v5, Buffer.from([255, 0]))).toEqual({ channel: 255, data: Buffer.from([0]) });
  });

  it('frames base64 protocols as text with an ASCII channel digit', () => {
    expect(encodeForClient(b64, 2, Buffer.from('hi'))).toBe('2aGk=');
    expect(decodeFromClient(b64, Buffer.from('0aGk='))).toEqual({ channel: 0, data: Buffer.from('hi') });
  });

  it('ignores an empty message', () => {
    expect(decodeFromClient(v4, Buffer.alloc(0)).channel).toBe(-1);
  });

  it.each([
    { outcome: { exitCode: 0 }, want: { metadata: {}, status: 'Success' } },
    {
      outcome: { exitCode: 3 },
      want: {
        metadata: {},
        status: 'Failure',
        message: 'command terminated with non-zero exit code: exit status 3',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '3' }] },
      },
    },
    {
      outcome: { error: { code: 500, reason: 'InternalError', message: 'boom' } },
      want: { metadata: {}, status: 'Failure', message: 'boom', reason: 'InternalError', code: 500 },
    },
  ])('reports $outcome as a Status on v4 and v5', ({ outcome, want }) => {
    expect(JSON.parse(outcomeMessage(v4, outcome).toString())).toEqual(want);
    expect(JSON.parse(outcomeMessage(v5, outcome).toString())).toEqual(want);
  });

  it('reports the error text only before v4', () => {
    expect(outcomeMessage(v1, { exitCode: 0 }).toString()).toBe('');
    expect(outcomeMessage(v1, { exitCode: 2 }).toString()).toBe(
      'command terminated with non-zero exit code: exit status 2',
    );
  });
});
