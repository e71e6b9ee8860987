// The subset of MLflow's REST messages (mlflow/protos/service.proto) that gemlab reads and writes.
// int64 fields may arrive as numbers or strings (protobuf JSON), doubles as numbers or "NaN"/"Infinity".

export type Int64 = number | string;

export interface MlflowTag {
  readonly key: string;
  readonly value: string;
}

export interface MlflowExperiment {
  readonly experiment_id: string;
  readonly name: string;
  readonly artifact_location?: string;
  readonly lifecycle_stage: 'active' | 'deleted';
  readonly tags?: readonly MlflowTag[];
  readonly creation_time?: Int64;
  readonly last_update_time?: Int64;
}

export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface MlflowRunInfo {
  readonly run_id: string;
  readonly experiment_id: string;
  readonly run_name?: string;
  readonly status: MlflowRunStatus;
  readonly start_time?: Int64;
  readonly end_time?: Int64;
  readonly artifact_uri?: string;
  readonly lifecycle_stage?: 'active' | 'deleted';
}

export interface MlflowMetric {
  readonly key: string;
  readonly value: number | string;
  readonly timestamp: Int64;
  readonly step?: Int64;
}

export interface MlflowParam {
  readonly key: string;
  readonly value: string;
}

export interface MlflowDataset {
  readonly name: string;
  readonly digest: string;
  readonly source_type: string;
  readonly source: string;
  readonly schema?: string;
  readonly profile?: string;
}

export interface MlflowDatasetInput {
  readonly dataset: MlflowDataset;
  readonly tags?: readonly MlflowTag[];
}

export interface MlflowRun {
  readonly info: MlflowRunInfo;
  readonly data?: {
    readonly metrics?: readonly MlflowMetric[];
    readonly params?: readonly MlflowParam[];
    readonly tags?: readonly MlflowTag[];
  };
  readonly inputs?: { readonly dataset_inputs?: readonly MlflowDatasetInput[] };
}

export interface MlflowFileInfo {
  readonly path: string;
  readonly is_dir?: boolean;
  readonly file_size?: Int64;
}

export interface LogBatchRequest {
  readonly run_id: string;
  readonly metrics?: readonly MlflowMetric[];
  readonly params?: readonly MlflowParam[];
  readonly tags?: readonly MlflowTag[];
}

export interface CreateRunRequest {
  readonly experiment_id: string;
  readonly run_name?: string;
  readonly start_time?: number;
  readonly tags?: readonly MlflowTag[];
}

export interface UpdateRunRequest {
  readonly run_id: string;
  readonly status?: MlflowRunStatus;
  readonly end_time?: number;
  readonly run_name?: string;
}

export interface SearchRunsRequest {
  readonly experiment_ids: readonly string[];
  readonly filter?: string;
  readonly run_view_type?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
  readonly max_results?: number;
  readonly order_by?: readonly string[];
  readonly page_token?: string;
}
