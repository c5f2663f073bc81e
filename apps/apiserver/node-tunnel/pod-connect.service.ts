// The connect subresources of pods (log, exec, attach, portforward), served through the tunnel of
// the pod's node as kube-apiserver serves them by proxying to the kubelet.
import { Inject, Injectable } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { QueryParams } from '@kubenest/apimachinery/query';
import { AUTHORIZER, Authorizer, authorizeRequest } from '@kubenest/auth';
import type { Pod } from '@kubenest/api/core/types';
import { ConnectTarget, ResourceStores } from '@kubenest/registry';
import { PodRef } from '@kubenest/node-protocol';
import { ApiMessage } from '../http/api-message';
import { AttachRequest, attachOptionsOf, execOptionsOf, logOptionsOf } from './connect-options';
import { chooseFraming, ExecFraming, SUPPORTED_PROTOCOLS } from './exec-protocols';
import { RELAY_HIGH_WATER } from './send-window';
import { relayExec } from './pod-exec';
import { relayLog } from './pod-log';
import { containerOf, waitingToStart } from './pod-target';
import { noTunnel, StreamAsk, TunnelRegistry } from './tunnel-registry';
import { negotiateSpdyProtocol, PROTOCOL_VERSION_HEADER, serveSpdyExec } from './spdy-exec';
import { negotiatePortForwardProtocol, serveSpdyPortForward } from './spdy-port-forward';
import {
  PORT_FORWARD_WEBSOCKET_PROTOCOLS,
  portForwardFraming,
  portsOf,
  serveWebSocketPortForward,
} from './websocket-port-forward';
import { SpdySession } from './spdy';
import { acceptSpdy, acceptWebSocket, isSpdyUpgrade, isWebSocketUpgrade } from './upgrade-routing';

const offeredProtocols = (req: IncomingMessage): string[] =>
  (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

const CHANNEL_K8S_IO = chooseFraming(['channel.k8s.io'])!;

/** The framing of a WebSocket exec: the first offered subprotocol served, channel.k8s.io when none is offered. */
const webSocketFraming = (req: IncomingMessage): ExecFraming => {
  if (!isWebSocketUpgrade(req)) throw StatusError.badRequest('Upgrade request required');
  const offered = offeredProtocols(req);
  const framing = offered.length === 0 ? CHANNEL_K8S_IO : chooseFraming(offered);
  if (!framing) {
    throw StatusError.badRequest(
      `none of the offered WebSocket subprotocols is supported: offered ${offered.join(', ')}, supported ${SUPPORTED_PROTOCOLS.join(', ')}`,
    );
  }
  return framing;
};

@Injectable()
export class PodConnect {
  private readonly execWss = new WebSocketServer({
    noServer: true,
    // A client's stdin comes in chunks of a few KiB: one message may not hold more than a relay buffers.
    maxPayload: RELAY_HIGH_WATER,
    handleProtocols: (offered) => chooseFraming(offered)?.protocol ?? false,
  });

  private readonly portForwardWss = new WebSocketServer({
    noServer: true,
    maxPayload: RELAY_HIGH_WATER,
    handleProtocols: (offered) => portForwardFraming([...offered])?.protocol ?? false,
  });

  constructor(
    private readonly stores: ResourceStores,
    private readonly tunnels: TunnelRegistry,
    @Inject(AUTHORIZER) private readonly authorizer: Authorizer,
  ) {
    // HTTP dispatch finds these in the pod kind's subresource table.
    stores.registerConnect('', 'Pod', ['log', 'exec', 'attach', 'portforward'], (target, req, res) =>
      this.serve(target, req as ApiMessage, res),
    );
  }

  async serve(path: ConnectTarget, req: ApiMessage, res: ServerResponse): Promise<void> {
    const log = path.subresource === 'log';
    if (log ? req.method !== 'GET' : req.method !== 'GET' && req.method !== 'POST') {
      throw StatusError.methodNotAllowed('the server does not allow this method on the requested resource');
    }
    // As kube-apiserver with AuthorizePodWebsocketUpgradeCreatePermission: streaming into a pod is create, GET or not.
    await authorizeRequest(this.authorizer, {
      user: req.user!,
      verb: log ? 'get' : 'create',
      apiGroup: '',
      resource: 'pods',
      subresource: path.subresource,
      namespace: path.namespace ?? '',
      name: path.name,
      path: req.pathname,
    });
    if (path.subresource === 'portforward') return this.servePortForward(path, req);
    return log ? this.serveLog(path, req.query, res) : this.serveRemoteCommand(path, req);
  }

  private async pod(path: ConnectTarget): Promise<{ pod: Pod; ref: PodRef }> {
    const pod = (await this.stores.byKind('', 'Pod')!.store.get(path.namespace, path.name)) as Pod;
    const ref = { namespace: path.namespace ?? 'default', name: path.name, uid: pod.metadata?.uid ?? '' };
    return { pod, ref };
  }

  private async serveLog(path: ConnectTarget, query: QueryParams, res: ServerResponse): Promise<void> {
    const { container: requested, ...options } = logOptionsOf(query, path.name);
    const { pod, ref } = await this.pod(path);
    const container = containerOf(pod, requested);
    const node = pod.spec?.nodeName;
    // As kube-apiserver: a pod not yet on a node has no log, and that is not an error.
    if (!node) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end();
      return;
    }
    const waiting = waitingToStart(pod, container);
    if (waiting) throw waiting;
    const agent = await this.tunnels.openStream(node, { op: 'logs', pod: ref, container, options });
    return relayLog(agent, res);
  }

  private async servePortForward(path: ConnectTarget, req: ApiMessage): Promise<void> {
    if (isWebSocketUpgrade(req)) return this.serveWebSocketPortForward(path, req);
    if (!isSpdyUpgrade(req)) throw StatusError.badRequest('Upgrade request required');
    const protocol = negotiatePortForwardProtocol(req.headers['x-stream-protocol-version']);
    const { ref, pod } = await this.pod(path);
    const node = pod.spec?.nodeName;
    if (!node) throw StatusError.badRequest(`pod ${path.name} does not have a host assigned`);
    if (!this.tunnels.has(node)) throw noTunnel(node);
    const { socket, head } = acceptSpdy(req, protocol ? { [PROTOCOL_VERSION_HEADER]: protocol } : {});
    serveSpdyPortForward(new SpdySession(socket, head), ref.uid, (port) =>
      this.tunnels.openStream(node, { op: 'portforward', pod: ref, port }),
    );
  }

  private async serveWebSocketPortForward(path: ConnectTarget, req: ApiMessage): Promise<void> {
    const offered = offeredProtocols(req);
    const framing = portForwardFraming(offered);
    // kubectl 1.31 and newer offer SPDY tunneled in a WebSocket first: any answer but 101 makes them fall back to SPDY.
    if (!framing) {
      throw StatusError.badRequest(
        `none of the offered WebSocket subprotocols is supported for port-forward: offered ${offered.join(', ')}, supported ${PORT_FORWARD_WEBSOCKET_PROTOCOLS.join(', ')}, or SPDY/3.1`,
      );
    }
    const ports = portsOf(req.query);
    const { ref, pod } = await this.pod(path);
    const node = pod.spec?.nodeName;
    if (!node) throw StatusError.badRequest(`pod ${path.name} does not have a host assigned`);
    if (!this.tunnels.has(node)) throw noTunnel(node);
    serveWebSocketPortForward(await acceptWebSocket(this.portForwardWss, req), framing, ports, ref.uid, (port) =>
      this.tunnels.openStream(node, { op: 'portforward', pod: ref, port }),
    );
  }

  /** exec and attach: the same streams, to a new command or to the container's own. */
  private async serveRemoteCommand(path: ConnectTarget, req: ApiMessage): Promise<void> {
    const request: AttachRequest & { command?: string[] } =
      path.subresource === 'attach' ? attachOptionsOf(req.query) : execOptionsOf(req.query);
    const { pod, ref } = await this.pod(path);
    const container = containerOf(pod, request.container);
    const node = pod.spec?.nodeName;
    if (!node) throw StatusError.badRequest(`pod ${path.name} does not have a host assigned`);
    if (waitingToStart(pod, container)) throw StatusError.badRequest(`container not found ("${container}")`);
    const { options } = request;
    const ask: StreamAsk = request.command
      ? { op: 'exec', pod: ref, container, command: request.command, options }
      : { op: 'attach', pod: ref, container, options };
    // kubectl 1.29 and older exec over SPDY/3.1, newer ones over a WebSocket.
    if (isSpdyUpgrade(req)) {
      const protocol = negotiateSpdyProtocol(req.headers['x-stream-protocol-version']);
      if (!this.tunnels.has(node)) throw noTunnel(node);
      // As kubelet: the upgrade is answered and the client's streams are in before the command starts.
      const { socket, head } = acceptSpdy(req, { [PROTOCOL_VERSION_HEADER]: protocol.name });
      return serveSpdyExec(new SpdySession(socket, head), protocol, options, () => this.tunnels.openStream(node, ask));
    }
    const framing = webSocketFraming(req);
    if (!this.tunnels.has(node)) throw noTunnel(node);
    const agent = await this.tunnels.openStream(node, ask);
    try {
      relayExec(await acceptWebSocket(this.execWss, req), agent, framing);
    } catch (e) {
      agent.close(1000);
      throw e;
    }
  }
}
