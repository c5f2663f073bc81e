// The open tunnels of this apiserver process, by node name, and the streams asked of them: a
// stream request goes out on the node's control socket and resolves when the agent dials back.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { keepAlive, StreamRequest } from '@kubenest/node-protocol';

/** Distributes StreamRequest over its union members, without the id the registry assigns. */
export type StreamAsk = StreamRequest extends infer R ? (R extends StreamRequest ? Omit<R, 'id'> : never) : never;

const DIAL_BACK_MS = 10_000;
const PING_MS = 30_000;

interface PendingStream {
  node: string;
  resolve(ws: WebSocket): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

@Injectable()
export class TunnelRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('TunnelRegistry');
  private readonly controls = new Map<string, WebSocket>();
  private readonly pending = new Map<string, PendingStream>();

  /** The node's newest control socket replaces an older one (an agent that reconnected). */
  attach(node: string, ws: WebSocket): void {
    this.controls.get(node)?.close(1000, 'replaced by a newer tunnel');
    this.controls.set(node, ws);
    this.logger.log(`node ${node}: tunnel open`);
    keepAlive(ws, PING_MS);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.controls.get(node) !== ws) return;
      this.controls.delete(node);
      this.logger.log(`node ${node}: tunnel closed`);
    });
  }

  has(node: string): boolean {
    return this.controls.get(node)?.readyState === WebSocket.OPEN;
  }

  /** Asks the node for a stream; the agent's stream socket, or a 503/504 Status. */
  openStream(node: string, ask: StreamAsk): Promise<WebSocket> {
    const control = this.controls.get(node);
    if (!control || control.readyState !== WebSocket.OPEN) throw noTunnel(node);
    const id = randomUUID();
    return new Promise<WebSocket>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new StatusError(504, 'Timeout', `node "${node}" did not open a stream through its tunnel in time`));
      }, DIAL_BACK_MS);
      this.pending.set(id, { node, resolve, reject, timer });
      control.send(JSON.stringify({ ...ask, id } as StreamRequest));
    });
  }

  /** Whether a stream socket from this node for this id is awaited. */
  expects(node: string, id: string): boolean {
    return this.pending.get(id)?.node === node;
  }

  /** Hands the agent's stream socket to the request that asked for it. */
  deliver(node: string, id: string, ws: WebSocket): void {
    const waiting = this.pending.get(id);
    if (!waiting || waiting.node !== node) return ws.close(1008, 'no such stream');
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(ws);
  }

  onModuleDestroy(): void {
    for (const ws of this.controls.values()) ws.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new StatusError(503, 'ServiceUnavailable', 'the apiserver is shutting down'));
    }
  }
}

// No Retry-After: clients would retry for seconds what only an agent restart mends.
export const noTunnel = (node: string): StatusError =>
  new StatusError(
    503,
    'ServiceUnavailable',
    `node "${node}" has no tunnel to the control plane: is its agent running?`,
  );
