// The pipeline's endpoint for every path that is not a resource URL: discovery, OpenAPI, health,
// version, the console and the agents' tunnel, served by Nest's Express app once the stages have
// let the request through. They take no body: one is refused unread, before authorization.
import { RequestListener, ServerResponse } from 'node:http';
import { StatusError } from '@kubenest/apimachinery';
import { nonResourceAttributes } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { declaresBody } from '../raw-body';
import { isTunnelPath } from './long-running';
import { Endpoint, Route } from './stage';

const noBodyHere = () => StatusError.tooLarge('Request entity too large: this path takes no request body');

/** Resolves once Express has answered (or the client has gone). */
const answered = (res: ServerResponse, answer: () => void): Promise<void> =>
  new Promise((resolve) => {
    res.once('close', resolve);
    answer();
  });

export class NestRoutes implements Endpoint {
  constructor(private readonly express: RequestListener) {}

  route(req: ApiMessage, res: ServerResponse): Route {
    if (declaresBody(req)) throw noBodyHere();
    return {
      attributes: nonResourceAttributes(req.user!, req.method ?? 'GET', req.pathname),
      longRunning: isTunnelPath(req.pathname),
      serve: () => answered(res, () => this.express(req, res)),
    };
  }
}
