/**
 * The one TensorFlow.js instance every gemlab package and plugin uses. Import `tf` from
 * `@gemlab/core` rather than from '@tensorflow/tfjs', so that backends and tensors are shared.
 */
import * as tf from '@tensorflow/tfjs';

export type { LayersModel, Scalar, Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Variable } from '@tensorflow/tfjs';
export { tf };
