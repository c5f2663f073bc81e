// Serves one StreamRequest over its stream WebSocket: log bytes on the stdout channel, an exec or
// attach session's stdin/resize in and stdout/stderr out, or a forwarded port's connection; the
// outcome always ends it on the error channel.
import { PassThrough, Readable } from 'node:stream';
import WebSocket from 'ws';
import { ExecOptions, ExecStreams, PodStreams, terminalSize } from '@kubenest/node-protocol';
import { Channel, decodeFrame, encodeFrame, messageBytes, StreamRequest } from '@kubenest/node-protocol';
import { channelWriter } from './channel-writer';
import { finish, outcomeOf } from './stream-end';
import { dialLoopback, servePortForward } from './serve-port-forward';

async function serveLogs(ws: WebSocket, streams: PodStreams, req: Extract<StreamRequest, { op: 'logs' }>) {
  let log: Readable;
  try {
    log = await streams.logs(req.pod, req.container, req.options);
  } catch (e) {
    return finish(ws, outcomeOf(e));
  }
  ws.on('close', () => log.destroy());
  // An empty stdout frame says the log opened: the apiserver then answers 200 and streams.
  ws.send(encodeFrame(Channel.stdout));
  log.pipe(channelWriter(ws, Channel.stdout)).on('finish', () => finish(ws, { exitCode: 0 }));
  log.on('error', (e) => finish(ws, outcomeOf(e)));
}

async function serveSession(
  ws: WebSocket,
  options: ExecOptions,
  run: (streams: ExecStreams) => Promise<{ exitCode: number }>,
) {
  const abort = new AbortController();
  const stdin = new PassThrough();
  const resize = new PassThrough({ objectMode: true });
  // Whatever the apiserver sends, nothing here throws: a frame that makes no sense is dropped.
  ws.on('message', (message: Buffer) => {
    const bytes = messageBytes(message);
    if (bytes.length === 0) return;
    const { channel, data } = decodeFrame(bytes);
    if (channel === Channel.stdin) {
      if (!options.stdin || stdin.writableEnded) return;
      // The command reads its stdin slower than the client sends it: stop reading the socket.
      if (!stdin.write(data) && !ws.isPaused) {
        ws.pause();
        stdin.once('drain', () => ws.resume());
      }
    } else if (channel === Channel.resize) {
      const size = terminalSize(data);
      // Sizes pile up only while the session is not started yet; past a few, one more is dropped.
      if (options.tty && size && !resize.writableNeedDrain) resize.write(size);
    } else if (channel === Channel.close && data[0] === Channel.stdin) stdin.end();
  });
  ws.on('close', () => {
    abort.abort();
    stdin.end();
  });
  const stdout = options.stdout ? channelWriter(ws, Channel.stdout) : undefined;
  const stderr = options.stderr ? channelWriter(ws, Channel.stderr) : undefined;
  // Output still queued behind backpressure goes out before the exit status.
  const drained = () => Promise.all([stdout, stderr].map((w) => w && new Promise((done) => w.end(done))));
  try {
    const result = await run({
      stdin: options.stdin ? stdin : undefined,
      stdout,
      stderr,
      resize: options.tty ? resize : undefined,
      signal: abort.signal,
    });
    await drained();
    finish(ws, result);
  } catch (e) {
    await drained();
    finish(ws, outcomeOf(e));
  }
}

export function serveStream(ws: WebSocket, streams: PodStreams, req: StreamRequest): Promise<void> {
  switch (req.op) {
    case 'logs':
      return serveLogs(ws, streams, req);
    case 'exec':
      return serveSession(ws, req.options, (io) => streams.exec(req.pod, req.container, req.command, req.options, io));
    case 'attach':
      return serveSession(ws, req.options, (io) => streams.attach(req.pod, req.container, req.options, io));
    case 'portforward':
      return servePortForward(ws, req, dialLoopback);
  }
}
