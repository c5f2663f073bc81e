import WebSocket from 'ws';
import { Channel, encodeFrame, MAX_FRAME_DATA } from '@kubenest/node-protocol';
import { chooseFraming } from './exec-protocols';
import { relayExec } from './pod-exec';
import { RELAY_HIGH_WATER } from './send-window';
import { FakeSocket } from './testing/fake-socket';

const v5 = chooseFraming(['v5.channel.k8s.io'])!;

describe('relayExec', () => {
  let client: FakeSocket;
  let agent: FakeSocket;

  beforeEach(() => {
    client = new FakeSocket();
    agent = new FakeSocket();
    relayExec(client as unknown as WebSocket, agent as unknown as WebSocket, v5);
  });

  const statusOf = (frame: Buffer) => {
    expect(frame[0]).toBe(Channel.error);
    return JSON.parse(frame.subarray(1).toString('utf8'));
  };

  it('relays output and the outcome, then closes the client', () => {
    agent.receive(encodeFrame(Channel.stdout, 'out'));
    agent.receive(encodeFrame(Channel.error, JSON.stringify({ exitCode: 0 })));
    expect(client.sent[0]).toEqual(encodeFrame(Channel.stdout, 'out'));
    expect(statusOf(client.sent[1])).toEqual({ metadata: {}, status: 'Success' });
    expect(client.readyState).toBe(WebSocket.CLOSED);
  });

  it.each([
    { name: 'an empty frame', bytes: Buffer.alloc(0) },
    { name: 'bad JSON on the error channel', bytes: encodeFrame(Channel.error, 'not json') },
    { name: 'an outcome of the wrong shape', bytes: encodeFrame(Channel.error, '{"error":{"code":"x"}}') },
  ])('answers $name from the node with an error Status and drops the node', ({ bytes }) => {
    expect(() => agent.receive(bytes)).not.toThrow();
    expect(statusOf(client.sent[0])).toMatchObject({ status: 'Failure', code: 500, reason: 'InternalError' });
    expect(client.readyState).toBe(WebSocket.CLOSED);
    expect(agent.terminated).toBe(true);
  });

  it('stops reading the node while the client is behind, and reads on once it caught up', () => {
    client.holdWrites = true;
    const chunk = Buffer.alloc(256 * 1024);
    for (let i = 0; i * chunk.length <= RELAY_HIGH_WATER; i++) agent.receive(encodeFrame(Channel.stdout, chunk));
    expect(agent.paused).toBe(true);
    client.releaseWrites();
    expect(agent.paused).toBe(false);
  });

  it("stops reading the client while the node is behind on the client's stdin", () => {
    agent.holdWrites = true;
    const chunk = Buffer.concat([Buffer.from([Channel.stdin]), Buffer.alloc(256 * 1024)]);
    for (let i = 0; i * chunk.length <= RELAY_HIGH_WATER; i++) client.receive(chunk);
    expect(client.paused).toBe(true);
    agent.releaseWrites();
    expect(client.paused).toBe(false);
  });

  it("passes the client's stdin to the node in frames of at most MAX_FRAME_DATA, in order", () => {
    const data = Buffer.from(Array.from({ length: 1024 * 1024 - 1 }, (_, i) => i % 253));
    client.receive(Buffer.concat([Buffer.from([Channel.stdin]), data]));
    expect(agent.sent.length).toBe(Math.ceil(data.length / MAX_FRAME_DATA));
    expect(agent.sent.every((f) => f[0] === Channel.stdin && f.length <= MAX_FRAME_DATA + 1)).toBe(true);
    expect(Buffer.concat(agent.sent.map((f) => f.subarray(1))).equals(data)).toBe(true);
  });

  it.each([
    { name: 'a valid size, re-encoded', doc: '{"Width":80,"Height":24,"x":1}', want: ['{"Width":80,"Height":24}'] },
    { name: 'not JSON', doc: '{', want: [] },
    { name: 'a size out of range', doc: '{"Width":80,"Height":1e9}', want: [] },
  ])('passes a resize that is $name', ({ doc, want }) => {
    client.receive(Buffer.concat([Buffer.from([Channel.resize]), Buffer.from(doc)]));
    expect(agent.sent.map((f) => f.subarray(1).toString())).toEqual(want);
  });

  it('closes the node stream when the client goes', () => {
    client.close();
    expect(agent.readyState).toBe(WebSocket.CLOSED);
  });
});
