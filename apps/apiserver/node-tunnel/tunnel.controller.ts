// Where agents open their tunnel: the control socket of node <name> (one at a time), and the
// stream sockets they dial back on request. Only that node's own identity (system:node:<name>) may
// open either, and no message on them may exceed TUNNEL_MAX_PAYLOAD (agents send frames of
// MAX_FRAME_DATA at most): a larger one is refused from its header, so a node certificate cannot
// make the apiserver hold ws's default 100 MiB per message and stream.
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { WebSocketServer } from 'ws';
import { StatusError } from '@kubenest/apimachinery';
import { nodeNameOf, UserInfo } from '@kubenest/auth';
import { TUNNEL_MAX_PAYLOAD, TUNNEL_PATH } from '@kubenest/node-protocol';
import { TunnelRegistry } from './tunnel-registry';
import { acceptWebSocket } from './upgrade-routing';

const assertNode = (req: Request, name: string): void => {
  const { user } = req as Request & { user: UserInfo };
  if (nodeNameOf(user) === name) return;
  throw new StatusError(
    403,
    'Forbidden',
    `User "${user.name}" cannot open the tunnel of node "${name}": only system:node:${name} may`,
  );
};

@Controller(TUNNEL_PATH.slice(1))
export class TunnelController {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: TUNNEL_MAX_PAYLOAD });

  constructor(private readonly tunnels: TunnelRegistry) {}

  @Get(':name')
  // @Res() keeps Nest from answering: the socket is the WebSocket's once accepted.
  async control(@Param('name') name: string, @Req() req: Request, @Res() _res: Response): Promise<void> {
    assertNode(req, name);
    await this.tunnels.open(name, () => acceptWebSocket(this.wss, req));
  }

  @Get(':name/streams/:id')
  async stream(
    @Param('name') name: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() _res: Response,
  ): Promise<void> {
    assertNode(req, name);
    if (!this.tunnels.expects(name, id)) throw new StatusError(404, 'NotFound', `no stream "${id}" awaited`);
    this.tunnels.deliver(name, id, await acceptWebSocket(this.wss, req));
  }
}
