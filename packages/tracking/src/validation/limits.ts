/**
 * MLflow's limits (mlflow/utils/validation.py, 3.x). The local store enforces the same ones,
 * so that anything it accepts can later be synced to a server without truncation.
 */
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_PER_BATCH = 100;
export const MAX_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;
/** Serialized log-batch request size limit (bytes). */
export const MAX_BATCH_REQUEST_BYTES = 1_000_000;
export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;
export const MAX_EXPERIMENT_NAME_LENGTH = 500;
export const MAX_DATASET_NAME_LENGTH = 500;
export const MAX_DATASET_DIGEST_LENGTH = 36;
