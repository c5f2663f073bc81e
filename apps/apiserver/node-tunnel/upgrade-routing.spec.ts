import { EventEmitter } from 'node:events';
import { IncomingMessage, Server } from 'node:http';
import { Socket } from 'node:net';
import { StatusError } from '@kubenest/apimachinery';
import { acceptSpdy, isSpdyUpgrade, routeUpgradesThrough } from './upgrade-routing';

/** An upgrade request as the server's 'upgrade' event hands it over, seen by the app it routes to. */
const routed = (headers: Record<string, string>): IncomingMessage => {
  const server = new EventEmitter();
  let seen: IncomingMessage | undefined;
  routeUpgradesThrough(server as unknown as Server, (req) => (seen = req));
  const socket = new Socket();
  const req = new IncomingMessage(socket);
  req.headers = headers;
  server.emit('upgrade', req, socket, Buffer.alloc(0));
  return seen!;
};

describe('upgrade routing', () => {
  it('sees no SPDY upgrade in a request that did not come as an upgrade', () => {
    const req = new IncomingMessage(new Socket());
    req.headers = { connection: 'Upgrade', upgrade: 'SPDY/3.1' };
    expect(isSpdyUpgrade(req)).toBe(false);
    expect(() => acceptSpdy(req)).toThrow(expect.objectContaining({ code: 400 }));
  });

  it.each([
    { name: 'no Connection: upgrade', headers: { upgrade: 'SPDY/3.1' } },
    { name: 'another SPDY version', headers: { connection: 'Upgrade', upgrade: 'SPDY/2' } },
  ] as Array<{ name: string; headers: Record<string, string> }>)(
    'refuses to accept a SPDY upgrade with $name, as kubelet does',
    ({ headers }) => {
      const req = routed(headers);
      expect(isSpdyUpgrade(req)).toBe(true);
      expect(() => acceptSpdy(req)).toThrow(StatusError);
      expect(() => acceptSpdy(req)).toThrow(/missing upgrade headers/);
    },
  );
});
