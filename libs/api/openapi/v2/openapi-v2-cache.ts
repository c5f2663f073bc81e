// The /openapi/v2 bodies, each built on first use and kept for the life of the process: the served
// resources never change while it runs, and kubectl 1.27/1.28 fetch the whole document per command.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Strategy } from '@kubenest/registry';
import { encodeGnosticDocument } from './gnostic-encoder';
import { OpenApiV2Format } from './openapi-v2-negotiation';
import { buildSwaggerDocument } from './swagger-document';
import { SwaggerDocument } from './swagger-types';

export class OpenApiV2Cache {
  private document?: SwaggerDocument;
  private readonly bodies = new Map<OpenApiV2Format, Buffer>();
  private readonly gzipped = new Map<OpenApiV2Format, Buffer>();
  private tag?: string;

  constructor(private readonly strategies: Strategy[]) {}

  swagger(): SwaggerDocument {
    this.document ??= buildSwaggerDocument(this.strategies);
    return this.document;
  }

  body(format: OpenApiV2Format): Buffer {
    let body = this.bodies.get(format);
    if (!body) {
      body =
        format === 'json'
          ? Buffer.from(JSON.stringify(this.swagger()))
          : Buffer.from(encodeGnosticDocument(this.swagger()));
      this.bodies.set(format, body);
    }
    return body;
  }

  gzip(format: OpenApiV2Format): Buffer {
    let body = this.gzipped.get(format);
    if (!body) {
      body = gzipSync(this.body(format));
      this.gzipped.set(format, body);
    }
    return body;
  }

  /** As kube-apiserver: the quoted upper-case SHA-512 of the JSON document, shared by both formats. */
  etag(): string {
    this.tag ??= `"${createHash('sha512').update(this.body('json')).digest('hex').toUpperCase()}"`;
    return this.tag;
  }
}
