import { TrackingError } from '@gemlab/core';

/**
 * A request to an MLflow server failed. `status` is the HTTP status, or 0 when the server could
 * not be reached at all (connection refused or reset, timeout); `errorCode` is MLflow's
 * `error_code` (`RESOURCE_ALREADY_EXISTS`, ...), `HTTP_<status>` for a body that is not MLflow's
 * JSON, or `CONNECTION_FAILED`. The message names the endpoint and the server, never credentials.
 */
export class MlflowApiError extends TrackingError {
  readonly status: number;
  readonly errorCode: string;
  readonly endpoint: string;
  /** What went wrong, without the endpoint and server prefix. */
  readonly detail: string;

  constructor(
    fields: { status: number; errorCode: string; endpoint: string; detail: string; server: string },
    options?: { cause?: unknown },
  ) {
    const what = fields.status === 0 ? 'could not reach the server' : `${fields.status} ${fields.errorCode}`;
    super(`MLflow ${fields.endpoint} at ${fields.server}: ${what}: ${fields.detail}`, options);
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.endpoint = fields.endpoint;
    this.detail = fields.detail;
  }

  /** True when the server was unreachable or overloaded (worth retrying later, or syncing later). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Turns an error body (MLflow JSON, an HTML page from a proxy, or nothing) into a code and a one-line detail. */
export function parseErrorBody(status: number, statusText: string, body: string): { errorCode: string; detail: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const code = typeof record.error_code === 'string' ? record.error_code : undefined;
      const message = typeof record.message === 'string' ? record.message : undefined;
      if (code || message) return { errorCode: code ?? `HTTP_${status}`, detail: oneLine(message ?? statusText) };
    }
  } catch {
    // not JSON: fall through to the text form
  }
  const text = oneLine(body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  return { errorCode: `HTTP_${status}`, detail: text || statusText || 'empty response' };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
