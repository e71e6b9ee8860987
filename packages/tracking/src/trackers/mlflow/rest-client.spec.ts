import { TrackingError } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { resolveConnection, stripUserinfo } from './connection.js';
import { MlflowApiError } from './mlflow-api-error.js';
import { MlflowRestClient } from './rest-client.js';

interface Seen {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A fetch that answers from a script of responses (or thrown errors) and records every request. */
function scriptedFetch(answers: (Response | Error)[]): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch: fake as typeof fetch, seen };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refused = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' }),
  });
const fastRetry = { retries: 3, initialDelayMs: 1, maxDelayMs: 2 };
const env = {} as NodeJS.ProcessEnv;

describe('MLflow connection settings', () => {
  it('reads the URI and basic auth from the environment, and strips userinfo from the URI it shows', () => {
    const fromEnv = resolveConnection({}, {
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000/',
      MLFLOW_TRACKING_USERNAME: 'ada',
      MLFLOW_TRACKING_PASSWORD: 's3cret',
    } as NodeJS.ProcessEnv);
    expect(fromEnv.baseUrl).toBe('http://127.0.0.1:5000');
    expect(fromEnv.authorization).toBe(`Basic ${Buffer.from('ada:s3cret').toString('base64')}`);
    const inUrl = resolveConnection({ uri: 'https://ada:p%40ss@mlflow.example.org/prefix' }, env);
    expect(inUrl.baseUrl).toBe('https://mlflow.example.org/prefix');
    expect(inUrl.authorization).toBe(`Basic ${Buffer.from('ada:p@ss').toString('base64')}`);
  });

  it('uses a bearer token when no username and password are set', () => {
    expect(resolveConnection({ uri: 'http://h:1' }, { MLFLOW_TRACKING_TOKEN: 'tok' } as NodeJS.ProcessEnv).authorization).toBe(
      'Bearer tok',
    );
  });

  it('refuses missing and non-http URIs with messages that carry no credentials', () => {
    expect(() => resolveConnection({}, env)).toThrow(/MLFLOW_TRACKING_URI/);
    expect(() => resolveConnection({ uri: 'file:///tmp/mlruns' }, env)).toThrow(TrackingError);
    const error = (() => {
      try {
        resolveConnection({ uri: 'http://ada:s3cret@ bad host' }, env);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(TrackingError);
    expect(error?.message).not.toContain('s3cret');
    expect(stripUserinfo('see https://u:p@host:1/x and http://host/y')).toBe('see https://host:1/x and http://host/y');
  });
});

describe('MlflowRestClient', () => {
  it('sends JSON POSTs with Content-Type and the Authorization header, to /api/2.0/mlflow/<endpoint>', async () => {
    const { fetch, seen } = scriptedFetch([json(200, { experiment_id: '7' })]);
    const client = new MlflowRestClient({ uri: 'http://ada:s3cret@127.0.0.1:5000', fetch, retry: fastRetry });
    expect(await client.createExperiment('e')).toBe('7');
    expect(seen[0]!.url).toBe('http://127.0.0.1:5000/api/2.0/mlflow/experiments/create');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers['Content-Type']).toBe('application/json');
    expect(seen[0]!.headers.Authorization).toBe(`Basic ${Buffer.from('ada:s3cret').toString('base64')}`);
    expect(JSON.parse(seen[0]!.body!)).toEqual({ name: 'e' });
    expect(client.uri).toBe('http://127.0.0.1:5000');
  });

  it('retries 503, 429 and refused connections, then succeeds', async () => {
    const { fetch, seen } = scriptedFetch([
      json(503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }),
      json(429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }),
      refused(),
      json(200, { run_info: { run_id: 'r', status: 'FINISHED', experiment_id: '1' } }),
    ]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: fastRetry });
    await client.updateRun({ run_id: 'r', status: 'FINISHED' });
    expect(seen).toHaveLength(4);
    expect(client.requestCount).toBe(4);
  });

  it('logs a dataset input again once when the SQL store lost a concurrent insert race', async () => {
    const race = '(sqlite3.IntegrityError) UNIQUE constraint failed: datasets.experiment_id, datasets.name, datasets.digest';
    const { fetch, seen } = scriptedFetch([json(400, { error_code: 'BAD_REQUEST', message: race }), json(200, {})]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: fastRetry });
    await client.logInputs('r', []);
    expect(seen.map((s) => s.url)).toEqual([
      'http://127.0.0.1:5000/api/2.0/mlflow/runs/log-inputs',
      'http://127.0.0.1:5000/api/2.0/mlflow/runs/log-inputs',
    ]);
    const other = scriptedFetch([json(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'digest too long' })]);
    const strict = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch: other.fetch, retry: fastRetry });
    await expect(strict.logInputs('r', [])).rejects.toThrow('digest too long');
    expect(other.seen).toHaveLength(1);
  });

  it("never retries other 4xx, and types the error from MLflow's JSON body", async () => {
    const { fetch, seen } = scriptedFetch([
      json(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Changing param values is not allowed.' }),
    ]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: fastRetry });
    const error = await client.logBatch({ run_id: 'r', params: [{ key: 'k', value: '2' }] }).catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toBeInstanceOf(TrackingError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', endpoint: 'runs/log-batch' });
    expect((error as Error).message).toContain('Changing param values is not allowed.');
  });

  it('treats 404 on get-by-name as "no such experiment"', async () => {
    const { fetch } = scriptedFetch([json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'none' })]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: fastRetry });
    expect(await client.getExperimentByName('missing')).toBeUndefined();
  });

  it('parses HTML and empty error bodies from proxies defensively', async () => {
    const { fetch } = scriptedFetch([
      new Response('<html><head><style>b{}</style></head><body><h1>502 Bad Gateway</h1></body></html>', { status: 502 }),
      new Response('', { status: 502, statusText: 'Bad Gateway' }),
      new Response('<html><body>Forbidden by proxy</body></html>', { status: 403 }),
    ]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: { retries: 1, initialDelayMs: 1 } });
    const gateway = (await client.getRun('r').catch((e: unknown) => e)) as MlflowApiError;
    expect(gateway).toMatchObject({ status: 502, errorCode: 'HTTP_502' });
    expect(gateway.message).toContain('Bad Gateway');
    expect(gateway.message).toContain('gave up after 2 attempts');
    expect(gateway.message).not.toContain('<');
    const forbidden = (await client.getRun('r').catch((e: unknown) => e)) as MlflowApiError;
    expect(forbidden).toMatchObject({ status: 403, errorCode: 'HTTP_403' });
    expect(forbidden.message).toContain('Forbidden by proxy');
  });

  it('gives up on an unreachable server with status 0, naming the endpoint but never the credentials', async () => {
    const { fetch, seen } = scriptedFetch([refused(), refused(), refused(), refused()]);
    const client = new MlflowRestClient({ uri: 'http://ada:s3cret@127.0.0.1:5000', fetch, retry: fastRetry });
    const error = (await client.createRun({ experiment_id: '1' }).catch((e: unknown) => e)) as MlflowApiError;
    expect(seen).toHaveLength(4);
    expect(error).toMatchObject({ status: 0, errorCode: 'CONNECTION_FAILED', endpoint: 'runs/create', transient: true });
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('http://127.0.0.1:5000');
    expect(error.message).not.toContain('s3cret');
    expect(error.message).not.toContain('ada');
  });

  it('waits with capped exponential backoff between retries', async () => {
    const { fetch } = scriptedFetch([refused(), refused(), refused(), json(200, {})]);
    const client = new MlflowRestClient({
      uri: 'http://127.0.0.1:5000',
      fetch,
      retry: { retries: 3, initialDelayMs: 40, maxDelayMs: 60 },
    });
    const start = Date.now();
    await client.setTag('r', 'k', 'v');
    // delays: min(60, 40·2^i) · [0.5, 1] → at least 20 + 30 + 30 = 80 ms, at most 40 + 60 + 60 = 160 ms (+ scheduling)
    const waited = Date.now() - start;
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThan(1000);
  });

  it("uploads artifacts with PUT to the proxy path derived from the run's artifact_uri", async () => {
    const { fetch, seen } = scriptedFetch([new Response('', { status: 200 }), new Response('', { status: 200 })]);
    const client = new MlflowRestClient({ uri: 'http://127.0.0.1:5000', fetch, retry: fastRetry });
    await client.uploadArtifact('mlflow-artifacts:/3/abc/artifacts', 'figures/k curve.svg', '<svg/>');
    await client.uploadArtifact('mlflow-artifacts://127.0.0.1:5000/3/abc/artifacts', 'a.txt', new Uint8Array([1]));
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PUT http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts/figures/k%20curve.svg',
      'PUT http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts/a.txt',
    ]);
    await expect(client.uploadArtifact('s3://bucket/3/abc/artifacts', 'a.txt', 'x')).rejects.toThrow(/artifact proxy/);
  });
});
