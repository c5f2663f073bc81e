// Picks the representation of /openapi/v2 from the Accept header the way kube-apiserver's
// kube-openapi handler does: clauses by preference, the first one JSON or protobuf satisfies.
export type OpenApiV2Format = 'json' | 'protobuf';

/** What kube-apiserver answers for either protobuf media type it accepts. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
export const OPENAPI_V2_JSON = 'application/json';

export const contentTypeOf = (format: OpenApiV2Format): string =>
  format === 'json' ? OPENAPI_V2_JSON : OPENAPI_V2_PROTOBUF;

/** In kube-openapi's order: JSON first, so a wildcard gets JSON. kubectl sends the deprecated "@" spelling. */
const OFFERS: { type: string; subtype: string; format: OpenApiV2Format }[] = [
  { type: 'application', subtype: 'json', format: 'json' },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2@v1.0+protobuf', format: 'protobuf' },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2.v1.0+protobuf', format: 'protobuf' },
];

interface Clause {
  type: string;
  subtype: string;
  q: number;
}

function parseClause(text: string): Clause | undefined {
  const [range, ...params] = text.split(';').map((part) => part.trim());
  const [type, subtype] = range.split('/');
  if (!type || (subtype === undefined && type !== '*')) return undefined;
  let q = 1;
  for (const param of params) {
    const [key, value] = param.split('=').map((part) => part.trim());
    if (key === 'q') q = Number.parseFloat(value);
  }
  return { type, subtype: subtype ?? '*', q: Number.isNaN(q) ? 0 : q };
}

const wildcards = (c: Clause): number => (c.type === '*' ? 2 : 0) + (c.subtype === '*' ? 1 : 0);

/** The format to answer, or undefined for 406 Not Acceptable. A missing Accept means any. */
export function negotiateOpenApiV2(accept: string | undefined): OpenApiV2Format | undefined {
  const clauses = (accept?.trim() ? accept : '*/*')
    .split(',')
    .map(parseClause)
    .filter((c): c is Clause => !!c && c.q > 0)
    .sort((a, b) => b.q - a.q || wildcards(a) - wildcards(b));
  for (const clause of clauses) {
    const offer = OFFERS.find(
      (o) =>
        (clause.type === '*' || clause.type === o.type) && (clause.subtype === '*' || clause.subtype === o.subtype),
    );
    if (offer) return offer.format;
  }
  return undefined;
}

/** Whether Accept-Encoding allows gzip, as kube-apiserver compresses /openapi/v2 (kubectl asks for it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number.parseFloat(q.slice(2)) > 0);
  });
}
