// An external GEMINI plugin: the Jensen–Shannon divergence as a GEMINI, in both forms.
// It sees only @gemlab/core's public API, exactly like a package published on npm.
//
//   JS(P ‖ Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M),  M = (P + Q) / 2
//
// With α_ik = p_ik / π_k (the density ratio p(x_i | k) / p(x_i), by Bayes), expectations over
// p(x) become batch means, so with a_i = α_ik and b_i the ratio of the other law:
//
//   JS = (1/N) Σ_i [ ½ a_i log(2a_i / (a_i + b_i)) + ½ b_i log(2b_i / (a_i + b_i)) ]
//
// one-vs-all: b_i = 1 (the data law itself), GEMINI = Σ_k π_k JS_k
// one-vs-one: b_i = α_il,                     GEMINI = Σ_{k,l} π_k π_l JS_kl
import { defineObjective, type Scalar, type Tensor, type Tensor1D, type Tensor2D, Type, tf } from '@gemlab/core';

/** ½ a log(2a / (a + b)) + ½ b log(2b / (a + b)), elementwise; 0 log 0 = 0 is never met since p ≥ ε. */
function jsTerm(a: Tensor, b: Tensor): Tensor {
  const mid = tf.add(a, b);
  const half = (u: Tensor) => tf.mul(0.5, tf.mul(u, tf.log(tf.div(tf.mul(2, u), mid))));
  return tf.add(half(a), half(b));
}

function jensenShannonGemini(p: Tensor2D, mode: 'ova' | 'ovo', epsilon: number): Scalar {
  return tf.tidy(() => {
    // Clipping gives an empty cluster (a column of zeros) a zero gradient and a ~zero weight.
    const q = tf.clipByValue(p, epsilon, 1 - epsilon);
    const pi = tf.mean(q, 0) as Tensor1D; // [K]
    const alpha = tf.div(q, pi); // [N, K]
    if (mode === 'ova') {
      const perCluster = tf.mean(jsTerm(alpha, tf.onesLike(alpha)), 0); // [K]
      return tf.sum(tf.mul(pi, perCluster)) as Scalar;
    }
    const pairs = tf.mean(jsTerm(alpha.expandDims(2), alpha.expandDims(1)), 0); // [K, K]
    return tf.sum(tf.mul(tf.outerProduct(pi, pi), pairs)) as Scalar;
  });
}

const jensenShannon = defineObjective({
  name: 'jensen-shannon',
  description: 'Jensen–Shannon GEMINI (an f-divergence bounded by log 2), one-vs-all or one-vs-one',
  schema: Type.Object({
    mode: Type.Union([Type.Literal('ova'), Type.Literal('ovo')], { default: 'ova', description: 'one-vs-all or one-vs-one' }),
    epsilon: Type.Number({ exclusiveMinimum: 0, maximum: 0.1, default: 1e-12, description: 'probability clipping' }),
  }),
  create: ({ mode, epsilon }) => ({
    affinity: 'none',
    evaluate: (p) => jensenShannonGemini(p, mode, epsilon),
  }),
  testParams: [{ mode: 'ova' }, { mode: 'ovo' }],
});

export default jensenShannon;
