// What the resource routes read of a request: Node's own message, with what the front door adds
// (the URL's path, the authenticated user) and the routes add before routing it (the query, the
// raw body). No Express here.
import { IncomingMessage } from 'node:http';
import { QueryParams } from '@kubenest/apimachinery/query';
import { UserInfo } from '@kubenest/auth';

export interface ApiMessage extends IncomingMessage {
  /** The URL's path, still percent-encoded, without the query. */
  pathname: string;
  body?: Buffer;
  query: QueryParams;
  user?: UserInfo;
}
