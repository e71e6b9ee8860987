import { TrackingError } from '@gemlab/core';
import { type MlflowConnectionOptions, resolveConnection, stripUserinfo } from './connection.js';
import { MlflowApiError, parseErrorBody } from './mlflow-api-error.js';
import type {
  CreateRunRequest,
  LogBatchRequest,
  MlflowDatasetInput,
  MlflowExperiment,
  MlflowFileInfo,
  MlflowMetric,
  MlflowRun,
  MlflowRunInfo,
  SearchRunsRequest,
  UpdateRunRequest,
} from './rest-types.js';
import { type RetryOptions, type RetryPolicy, retryPolicy, sleep } from './retry-policy.js';

export interface MlflowRestClientOptions extends MlflowConnectionOptions {
  readonly retry?: RetryOptions;
  /** Per-attempt timeout in ms (default 30 000); a timed-out attempt is retried like a connection error. */
  readonly timeoutMs?: number;
  /** The fetch implementation (default: Node's global fetch). */
  readonly fetch?: typeof fetch;
}

interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  /** MLflow error codes that are final even on a 5xx (e.g. INVALID_STATE from restoring an active experiment). */
  readonly finalErrorCodes?: readonly string[];
}

const API = '/api/2.0/mlflow/';
const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts/';

/**
 * A thin typed client for MLflow's tracking REST API (2.0 endpoints, the same in MLflow 2.x and 3.x).
 * Retries 429, 5xx and connection failures with capped exponential backoff and jitter; never
 * retries other 4xx. Failures are `MlflowApiError`s whose messages carry no credentials.
 */
export class MlflowRestClient {
  /** The server URL without credentials, for messages and the `location` of a tracker. */
  readonly uri: string;
  private readonly authorization?: string;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private attempts = 0;

  constructor(options: MlflowRestClientOptions = {}) {
    const connection = resolveConnection(options);
    this.uri = connection.baseUrl;
    this.authorization = connection.authorization;
    this.retry = retryPolicy(options.retry);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.attempts;
  }

  // --- experiments -------------------------------------------------------------------------

  /** The experiment with that name (active preferred, else deleted), or undefined when none exists. */
  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const res = await this.get<{ experiment: MlflowExperiment }>('experiments/get-by-name', { experiment_name: name });
      return res.experiment;
    } catch (error) {
      if (error instanceof MlflowApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async getExperiment(experimentId: string): Promise<MlflowExperiment> {
    return (await this.get<{ experiment: MlflowExperiment }>('experiments/get', { experiment_id: experimentId })).experiment;
  }

  async createExperiment(name: string): Promise<string> {
    return (await this.post<{ experiment_id: string }>('experiments/create', { name })).experiment_id;
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.request('POST', 'experiments/restore', {
      json: { experiment_id: experimentId },
      finalErrorCodes: ['INVALID_STATE'],
    });
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    await this.post('experiments/delete', { experiment_id: experimentId });
  }

  // --- runs --------------------------------------------------------------------------------

  async createRun(request: CreateRunRequest): Promise<MlflowRun> {
    return (await this.post<{ run: MlflowRun }>('runs/create', request)).run;
  }

  async updateRun(request: UpdateRunRequest): Promise<MlflowRunInfo> {
    return (await this.post<{ run_info: MlflowRunInfo }>('runs/update', request)).run_info;
  }

  async deleteRun(runId: string): Promise<void> {
    await this.post('runs/delete', { run_id: runId });
  }

  /** The run, or undefined when the server does not know the id. */
  async getRun(runId: string): Promise<MlflowRun | undefined> {
    try {
      return (await this.get<{ run: MlflowRun }>('runs/get', { run_id: runId })).run;
    } catch (error) {
      if (error instanceof MlflowApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Every run matching the request, following `next_page_token`. */
  async searchRuns(request: SearchRunsRequest): Promise<MlflowRun[]> {
    const runs: MlflowRun[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.post<{ runs?: MlflowRun[]; next_page_token?: string }>('runs/search', {
        max_results: 1000,
        ...request,
        page_token: pageToken,
      });
      runs.push(...(page.runs ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return runs;
  }

  /** One log-batch request; the caller keeps it within MLflow's limits (see batch-chunker). */
  async logBatch(request: LogBatchRequest): Promise<void> {
    await this.post('runs/log-batch', request);
  }

  /**
   * MLflow's SQL store creates a dataset row per (experiment, name, digest) without a lock: two
   * runs logging the same data at once (a sweep's parallel workers) can lose the race with a 400
   * "UNIQUE constraint failed". The row then exists, so one more attempt links it to the run.
   */
  async logInputs(runId: string, datasets: readonly MlflowDatasetInput[]): Promise<void> {
    const body = { run_id: runId, datasets };
    try {
      await this.post('runs/log-inputs', body);
    } catch (error) {
      if (!(error instanceof MlflowApiError && error.status === 400 && /UNIQUE constraint|IntegrityError/i.test(error.detail)))
        throw error;
      await this.post('runs/log-inputs', body);
    }
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.post('runs/set-tag', { run_id: runId, key, value });
  }

  /** The full history of one metric, following pages. */
  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const points: MlflowMetric[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.get<{ metrics?: MlflowMetric[]; next_page_token?: string }>('metrics/get-history', {
        run_id: runId,
        metric_key: key,
        max_results: 25_000,
        page_token: pageToken,
      });
      points.push(...(page.metrics ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return points;
  }

  /** The artifacts directly under `path` (root when omitted) of a run, following pages. */
  async listArtifacts(runId: string, path?: string): Promise<MlflowFileInfo[]> {
    const files: MlflowFileInfo[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.get<{ files?: MlflowFileInfo[]; next_page_token?: string }>('artifacts/list', {
        run_id: runId,
        path,
        page_token: pageToken,
      });
      files.push(...(page.files ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return files;
  }

  // --- artifacts through the server's proxy (mlflow-artifacts) ------------------------------

  /** Uploads `content` to `<artifactUri>/<path>`; `artifactUri` is the run's `mlflow-artifacts:` URI. */
  async uploadArtifact(artifactUri: string, path: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    await this.request('PUT', proxyPath(artifactUri, path), { bytes });
  }

  async downloadArtifact(artifactUri: string, path: string): Promise<Uint8Array> {
    const response = await this.send('GET', proxyPath(artifactUri, path), {});
    return new Uint8Array(await response.arrayBuffer());
  }

  // --- transport ---------------------------------------------------------------------------

  async get<T>(endpoint: string, query: Readonly<Record<string, string | number | undefined>>): Promise<T> {
    return this.request<T>('GET', endpoint, { query });
  }

  async post<T>(endpoint: string, body: unknown): Promise<T> {
    return this.request<T>('POST', endpoint, { json: body });
  }

  /** Sends one request (retrying as configured) and parses the JSON answer. */
  async request<T = unknown>(method: string, endpoint: string, options: RequestOptions): Promise<T> {
    const response = await this.send(method, endpoint, options);
    const text = await response.text();
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new MlflowApiError(
        {
          status: response.status,
          errorCode: 'INVALID_RESPONSE',
          endpoint,
          server: this.uri,
          detail: `the answer is not JSON: ${parseErrorBody(response.status, response.statusText, text).detail}`,
        },
        { cause: error },
      );
    }
  }

  private url(endpoint: string, query?: RequestOptions['query']): string {
    const path = endpoint.startsWith('/') ? endpoint : API + endpoint;
    const url = new URL(this.uri + path);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private async send(method: string, endpoint: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.authorization) headers.Authorization = this.authorization;
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.bytes !== undefined) {
      headers['Content-Type'] = 'application/octet-stream';
      body = options.bytes;
    }
    const url = this.url(endpoint, options.query);
    const label = endpoint.startsWith(ARTIFACTS_API) ? `${method} mlflow-artifacts` : endpoint;
    for (let attempt = 0; ; attempt++) {
      this.attempts++;
      const outcome = await this.attempt(url, { method, headers, body }, label, options.finalErrorCodes ?? []);
      if ('response' in outcome) return outcome.response;
      const { failure, retryable, waitMs } = outcome;
      if (!retryable) throw failure;
      if (attempt >= this.retry.retries) {
        const detail = `${failure.detail} (gave up after ${attempt + 1} attempts)`;
        throw new MlflowApiError({ ...failure, endpoint: label, detail, server: this.uri }, { cause: failure.cause ?? failure });
      }
      await sleep(Math.max(waitMs ?? 0, this.retry.delayMs(attempt)));
    }
  }

  /** One HTTP attempt: the response when it succeeded, else the failure and whether it is worth retrying. */
  private async attempt(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | Uint8Array | undefined },
    label: string,
    finalErrorCodes: readonly string[],
  ): Promise<{ response: Response } | { failure: MlflowApiError; retryable: boolean; waitMs?: number }> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const detail = describeNetworkError(error);
      const failure = new MlflowApiError(
        { status: 0, errorCode: 'CONNECTION_FAILED', endpoint: label, detail, server: this.uri },
        { cause: error },
      );
      return { failure, retryable: true };
    }
    if (response.ok) return { response };
    const { errorCode, detail } = parseErrorBody(response.status, response.statusText, await safeText(response));
    const failure = new MlflowApiError({ status: response.status, errorCode, endpoint: label, detail, server: this.uri });
    const retryable = failure.transient && !finalErrorCodes.includes(errorCode);
    return { failure, retryable, waitMs: retryAfterMs(response.headers.get('retry-after')) };
  }
}

/** The proxy path for `<artifactUri>/<path>`, e.g. `mlflow-artifacts:/1/<run>/artifacts` + `figures/a.svg`. */
function proxyPath(artifactUri: string, path: string): string {
  if (!artifactUri.startsWith('mlflow-artifacts:')) {
    throw new TrackingError(
      `the run's artifact location '${stripUserinfo(artifactUri)}' is not served by the tracking server's artifact proxy; ` +
        'start the server with --serve-artifacts (the default) and create the experiment without an explicit artifact location',
    );
  }
  const root = new URL(artifactUri).pathname.replace(/^\/+|\/+$/g, '');
  const segments = [...root.split('/'), ...path.split('/')].filter((s) => s !== '');
  return ARTIFACTS_API + segments.map(encodeURIComponent).join('/');
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.min(seconds, 30) * 1000 : undefined;
}

/** `fetch failed` hides the reason in `cause` (ECONNREFUSED, ECONNRESET, a timeout...). */
function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === 'string' && !current.message.includes(code) ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return stripUserinfo(parts.join(': ') || 'network error');
}
