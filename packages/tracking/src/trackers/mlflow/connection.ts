import { TrackingError } from '@gemlab/core';

/** Where the server is and how to authenticate; defaults come from the MLFLOW_TRACKING_* variables. */
export interface MlflowConnectionOptions {
  /** Server URL; default `MLFLOW_TRACKING_URI`. Userinfo in it (`http://user:pass@host`) is used as basic auth. */
  readonly uri?: string;
  /** Basic auth; default `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`. */
  readonly username?: string;
  readonly password?: string;
  /** Bearer token; default `MLFLOW_TRACKING_TOKEN` (used when no username/password is set). */
  readonly token?: string;
}

export interface MlflowConnection {
  /** The URL requests go to, without credentials and without a trailing slash. */
  readonly baseUrl: string;
  /** The `Authorization` header value, when credentials are configured. Never log it. */
  readonly authorization?: string;
}

/** Removes `user:password@` from every URL in a text, so messages and logs never show credentials. */
export function stripUserinfo(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Resolves the server URL and credentials; throws a TrackingError (without credentials) for a missing or bad URI. */
export function resolveConnection(options: MlflowConnectionOptions = {}, env = process.env): MlflowConnection {
  const raw = nonEmpty(options.uri) ?? nonEmpty(env.MLFLOW_TRACKING_URI);
  if (!raw) throw new TrackingError('no MLflow server configured: pass a uri or set MLFLOW_TRACKING_URI');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TrackingError(`MLflow tracking URI '${stripUserinfo(raw)}' is not a URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TrackingError(`MLflow tracking URI must use http or https (got '${url.protocol}'); for local runs leave it unset`);
  }
  const urlUser = url.username ? decodeURIComponent(url.username) : undefined;
  const urlPassword = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const baseUrl = url.toString().replace(/\/+$/, '');

  const username = nonEmpty(options.username) ?? urlUser ?? nonEmpty(env.MLFLOW_TRACKING_USERNAME);
  const password = nonEmpty(options.password) ?? urlPassword ?? nonEmpty(env.MLFLOW_TRACKING_PASSWORD);
  const token = nonEmpty(options.token) ?? nonEmpty(env.MLFLOW_TRACKING_TOKEN);
  if (username !== undefined && password !== undefined) {
    return { baseUrl, authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };
  }
  if (token !== undefined) return { baseUrl, authorization: `Bearer ${token}` };
  return { baseUrl };
}
