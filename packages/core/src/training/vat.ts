import type { Static } from '@sinclair/typebox';
import type { VatSchema } from '../config/run-config-schema.js';
import { tf } from '../tf.js';

export type VatConfig = Static<typeof VatSchema>;

/** Mean KL(p ‖ q) over rows, with q clipped so that log stays finite. */
function meanKl(p: tf.Tensor2D, q: tf.Tensor2D): tf.Scalar {
  const eps = 1e-8;
  const logRatio = tf.log(tf.clipByValue(p, eps, 1)).sub(tf.log(tf.clipByValue(q, eps, 1)));
  return tf.mean(tf.sum(p.mul(logRatio), 1));
}

/** Scales every sample (row of the flattened batch) to unit L2 norm. */
function normalizePerSample(d: tf.Tensor): tf.Tensor {
  const flat = d.reshape([d.shape[0] as number, -1]);
  const norm = tf.norm(flat, 2, 1, true).add(1e-12);
  return flat.div(norm).reshape(d.shape);
}

/** The fixed part of a VAT step: clean predictions (constants) and the adversarial perturbation. */
export interface VatTarget {
  readonly clean: tf.Tensor2D;
  readonly perturbation: tf.Tensor;
}

/**
 * Virtual adversarial training (Miyato et al.): finds, by power iteration from a seeded random
 * direction, the perturbation of radius ε that most changes the predictions. Call it outside
 * the optimiser's closure, so the clean predictions act as constants (tfjs has no stopGradient).
 */
export function vatTarget(predict: (x: tf.Tensor) => tf.Tensor2D, x: tf.Tensor, config: VatConfig, seed: number): VatTarget {
  return tf.tidy(() => {
    const p = predict(x);
    let d = normalizePerSample(tf.randomNormal(x.shape, 0, 1, 'float32', seed));
    for (let i = 0; i < config.powerIterations; i++) {
      const direction = d;
      const gradient = tf.grad((r: tf.Tensor) => meanKl(p, predict(x.add(r.mul(config.xi)))))(direction);
      d = normalizePerSample(gradient);
    }
    return { clean: p, perturbation: d.mul(config.epsilon) };
  });
}

/** The VAT loss term KL(p(x) ‖ p(x + r_adv)), differentiable in the model weights only through p(x + r_adv). */
export function vatLoss(predict: (x: tf.Tensor) => tf.Tensor2D, x: tf.Tensor, target: VatTarget): tf.Scalar {
  return meanKl(target.clean, predict(x.add(target.perturbation)));
}
