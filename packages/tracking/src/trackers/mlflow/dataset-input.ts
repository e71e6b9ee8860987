import type { DatasetMeta } from '@gemlab/core';
import type { MlflowDatasetInput } from './rest-types.js';

/** The input tag MLflow's UI shows as the dataset's context. */
export const DATASET_CONTEXT_TAG = 'mlflow.data.context';

function looksLikePath(source: string): boolean {
  return source.includes('/') || source.includes('\\') || /\.[a-z0-9]{1,5}$/i.test(source);
}

/**
 * The log-inputs entry for a run's training data: the source as JSON (`{"uri": ...}`), a tensor
 * schema with the feature count, and a profile with the sample count (the run page and the
 * runs table's "Dataset" column show them).
 */
export function datasetInput(dataset: DatasetMeta & { readonly digest: string }, context = 'training'): MlflowDatasetInput {
  const featureSpec = [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, dataset.features] } }];
  const targetSpec =
    dataset.classes === undefined ? undefined : [{ type: 'tensor', 'tensor-spec': { dtype: 'int32', shape: [-1] } }];
  const profile: Record<string, number> = {
    num_rows: dataset.n,
    num_elements: dataset.n * dataset.features,
    features: dataset.features,
  };
  if (dataset.classes !== undefined) profile.classes = dataset.classes;
  return {
    dataset: {
      name: dataset.name,
      digest: dataset.digest,
      source_type: looksLikePath(dataset.source) ? 'local' : 'code',
      source: JSON.stringify({ uri: dataset.source }),
      schema: JSON.stringify({
        mlflow_tensorspec: {
          features: JSON.stringify(featureSpec),
          ...(targetSpec ? { targets: JSON.stringify(targetSpec) } : {}),
        },
      }),
      profile: JSON.stringify(profile),
    },
    tags: [{ key: DATASET_CONTEXT_TAG, value: context }],
  };
}
