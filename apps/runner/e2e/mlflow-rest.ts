/** A run as MLflow's REST API returns it (the fields the end-to-end tests read). */
export interface MlflowRun {
  info: { run_id: string; run_name: string; status: string };
  data: {
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
    metrics?: { key: string; value: number; step: number }[];
  };
}

/** One call of the server's own REST API (GET without a body, POST with one). */
export async function mlflowApi<T>(uri: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${uri}/api/2.0/mlflow/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every run of an experiment, by name. */
export async function mlflowRuns(uri: string, experimentName: string): Promise<MlflowRun[]> {
  const { experiment } = await mlflowApi<{ experiment: { experiment_id: string } }>(
    uri,
    `experiments/get-by-name?experiment_name=${encodeURIComponent(experimentName)}`,
  );
  const { runs } = await mlflowApi<{ runs?: MlflowRun[] }>(uri, 'runs/search', {
    experiment_ids: [experiment.experiment_id],
    max_results: 1000,
  });
  return runs ?? [];
}

export const tag = (run: MlflowRun, key: string) => run.data.tags?.find((t) => t.key === key)?.value;
export const param = (run: MlflowRun, key: string) => run.data.params?.find((p) => p.key === key)?.value;
export const metric = (run: MlflowRun, key: string) => run.data.metrics?.find((m) => m.key === key)?.value;
