// Kubernetes Status errors: every failure the API answers is one of these, rendered as a
// meta/v1 Status body by the HTTP layer's exception filter.
import { FieldError } from './field-error';
import { GroupResource, qualifiedResource } from './object';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  /** 431: no Kubernetes reason exists; HTTP's own name, for request headers past the server's limit. */
  | 'RequestHeaderFieldsTooLarge'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

const omitEmpty = <T extends object>(fields: T): T =>
  Object.fromEntries(
    Object.entries(fields).filter(
      ([, v]) => v !== undefined && v !== '' && v !== 0 && !(Array.isArray(v) && !v.length),
    ),
  ) as T;

/** A Status without a code: a delete's Success, as kube's generic store answers it. */
export type SuccessStatus = Omit<Status, 'code'> & { code?: number };

/**
 * A Status in Go's field order (kind, apiVersion, metadata, status, message, reason, details, code;
 * details: name, group, kind, uid, causes, retryAfterSeconds; a cause: reason, message, field),
 * each empty optional field left out as Go's omitempty leaves it out (a core group's "group": "").
 * Clients that compare error bodies as text (the Python client) see kube's bytes.
 */
export const statusBody = <T extends SuccessStatus>(s: T): T => {
  const d = s.details;
  const details =
    d &&
    omitEmpty({
      name: d.name,
      group: d.group,
      kind: d.kind,
      uid: d.uid,
      causes: d.causes?.map((c) => omitEmpty({ reason: c.reason, message: c.message, field: c.field })),
      retryAfterSeconds: d.retryAfterSeconds,
    });
  return {
    kind: s.kind,
    apiVersion: s.apiVersion,
    metadata: s.metadata,
    ...omitEmpty({ status: s.status, message: s.message, reason: s.reason }),
    ...(details ? { details } : {}),
    ...omitEmpty({ code: s.code }),
  } as T;
};

/** A delete's Success Status, as kube's generic store answers when it returns no object. */
export const successStatus = (details: StatusDetails): SuccessStatus =>
  statusBody({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });

/** The most field errors an Invalid Status lists. */
export const maxInvalidCauses = 1000;

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The Status body, as kube-apiserver encodes it (see statusBody). */
  toStatus(): Status {
    return statusBody({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    });
  }

  static notFound(gr: GroupResource, name: string): StatusError {
    return new StatusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, {
      name,
      group: gr.group,
      kind: gr.resource,
    });
  }

  static alreadyExists(gr: GroupResource, name: string): StatusError {
    return new StatusError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, {
      name,
      group: gr.group,
      kind: gr.resource,
    });
  }

  static conflict(gr: GroupResource, name: string, detail: string): StatusError {
    return new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${detail}`,
      {
        name,
        group: gr.group,
        kind: gr.resource,
      },
    );
  }

  /** 422 with one cause per field error; `kind` is the object's kind (e.g. "Pod"). */
  /**
   * 422 with one cause per field error. kube-apiserver lists every error; a body of 100,000 invalid
   * list items then answers some 30 MB, a hundred times its size, so the list stops at
   * maxInvalidCauses and says how many more there were.
   */
  static invalid(gk: { group: string; kind: string }, name: string, errors: FieldError[]): StatusError {
    const qualifiedKind = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
    const shown = errors.slice(0, maxInvalidCauses);
    const summary = shown.map((e) => `${e.field}: ${e.message}`);
    if (errors.length > shown.length) summary.push(`and ${errors.length - shown.length} more errors`);
    const list = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
    return new StatusError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, {
      name,
      group: gk.group,
      kind: gk.kind,
      causes: shown.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
    });
  }

  static badRequest(message: string, causes?: StatusCause[]): StatusError {
    return new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined);
  }

  static unauthorized(message = 'Unauthorized'): StatusError {
    return new StatusError(401, 'Unauthorized', message);
  }

  static forbidden(gr: GroupResource, name: string, detail: string): StatusError {
    const what = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
    return new StatusError(403, 'Forbidden', `${what} is forbidden: ${detail}`, {
      name: name || undefined,
      group: gr.group,
      kind: gr.resource,
    });
  }

  static methodNotAllowed(message: string): StatusError {
    return new StatusError(405, 'MethodNotAllowed', message);
  }

  static notAcceptable(message: string): StatusError {
    return new StatusError(406, 'NotAcceptable', message);
  }

  static unsupportedMediaType(contentType: string): StatusError {
    return new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType})`,
    );
  }

  static tooLarge(message = 'the request body is too large'): StatusError {
    return new StatusError(413, 'RequestEntityTooLarge', message);
  }

  /** 410 Expired: a resourceVersion or continue token older than the history kept. */
  static expired(message: string): StatusError {
    return new StatusError(410, 'Expired', message);
  }

  static gone(message: string): StatusError {
    return new StatusError(410, 'Gone', message);
  }

  static internal(message: string): StatusError {
    return new StatusError(500, 'InternalError', message);
  }

  /** 503 with Retry-After: the store is unreachable; the client may retry. */
  static unavailable(message: string, retryAfterSeconds = 1): StatusError {
    return new StatusError(503, 'ServiceUnavailable', message, { retryAfterSeconds });
  }

  static timeout(message: string, retryAfterSeconds = 1): StatusError {
    return new StatusError(504, 'Timeout', message, { retryAfterSeconds });
  }

  static is(error: unknown): error is StatusError {
    return error instanceof StatusError;
  }
}
