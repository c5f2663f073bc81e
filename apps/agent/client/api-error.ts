// An error answer from the API server, carrying the HTTP code and the Status reason so callers can
// tell "not found" and "conflict" from a failure worth retrying.

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a response body: a Status object when the server sent one, else the raw text. */
  static fromResponse(code: number, body: string): ApiError {
    try {
      const status = JSON.parse(body) as { kind?: string; reason?: string; message?: string };
      if (status.kind === 'Status') return new ApiError(code, status.reason ?? '', status.message ?? `HTTP ${code}`);
    } catch {
      // not JSON: fall through to the text
    }
    return new ApiError(code, '', body.trim().slice(0, 200) || `HTTP ${code}`);
  }

  static is(e: unknown, code?: number): e is ApiError {
    return e instanceof ApiError && (code === undefined || e.code === code);
  }
}
