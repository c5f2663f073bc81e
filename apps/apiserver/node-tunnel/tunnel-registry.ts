// The open tunnels of this apiserver process, by node name, and the streams asked of them: a
// stream request goes out on the node's control socket and resolves when the agent dials back.
// A node has one tunnel: a second is refused while the first answers pings, so whoever else holds
// the node's credentials cannot silently take over its exec and log sessions.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { keepAlive, StreamRequest } from '@kubenest/node-protocol';
import { answersPing } from './answers-ping';

/** Distributes StreamRequest over its union members, without the id the registry assigns. */
export type StreamAsk = StreamRequest extends infer R ? (R extends StreamRequest ? Omit<R, 'id'> : never) : never;

const DIAL_BACK_MS = 10_000;
const PING_MS = 30_000;
/** How long the open tunnel has to answer a ping before a new one may replace it: an agent that
 * restarted while its old socket lingers gets back in within this, well inside its handshake timeout. */
export const TAKEOVER_PROBE_MS = 5_000;

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
  /** Nodes whose tunnel is being opened: one attempt at a time decides. */
  private readonly opening = new Set<string>();

  /**
   * Opens the node's control tunnel with `accept` (the WebSocket handshake) unless it has a live
   * one: refused with 409 while the open tunnel answers a ping; one that does not is dead (its
   * agent gone without closing) and is replaced.
   */
  async open(node: string, accept: () => Promise<WebSocket>): Promise<void> {
    if (this.opening.has(node)) throw tunnelInUse(node, 'another tunnel of this node is being opened');
    this.opening.add(node);
    try {
      const current = this.controls.get(node);
      if (current?.readyState === WebSocket.OPEN && (await answersPing(current, TAKEOVER_PROBE_MS))) {
        throw tunnelInUse(node, 'its open tunnel answers; a second one may not replace it');
      }
      if (current) {
        this.logger.warn(`node ${node}: the open tunnel did not answer a ping; a new one replaces it`);
        current.terminate();
      }
      this.attach(node, await accept());
    } finally {
      this.opening.delete(node);
    }
  }

  private attach(node: string, ws: WebSocket): void {
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

const tunnelInUse = (node: string, why: string): StatusError =>
  new StatusError(409, 'Conflict', `node "${node}" already has a tunnel to the control plane: ${why}`);

// No Retry-After: clients would retry for seconds what only an agent restart mends.
export const noTunnel = (node: string): StatusError =>
  new StatusError(
    503,
    'ServiceUnavailable',
    `node "${node}" has no tunnel to the control plane: is its agent running?`,
  );
