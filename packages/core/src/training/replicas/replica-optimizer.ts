import { tf } from '../../tf.js';
import type { OptimizerConfig } from '../optimizers.js';

/**
 * Adam or SGD (with momentum) over stacked replica weights, with a learning rate per replica.
 * The arithmetic is tfjs's own optimizers', operation for operation (including Adam's bias
 * correction from running products β^t in float32), so replica r follows the trajectory a
 * tfjs optimizer gives a separate run with learningRates[r]. Moments are elementwise, hence
 * per replica. A replica whose `active` flag is off is frozen: its weights no longer change.
 */
export class ReplicaOptimizer {
  private readonly slots: tf.Variable[][] = [];
  private readonly accBeta1?: tf.Variable;
  private readonly accBeta2?: tf.Variable;
  private readonly scaleCache = new Map<number, tf.Tensor>();
  private active: boolean[];

  constructor(
    private readonly config: OptimizerConfig,
    private readonly variables: readonly tf.Variable[],
    private readonly learningRates: readonly number[],
  ) {
    this.active = learningRates.map(() => true);
    if (config.name === 'adam') {
      // Made inside tidy: a variable keeps its initial tensor's buffer, not the tensor.
      this.accBeta1 = tf.tidy(() => tf.variable(tf.scalar(config.beta1), false));
      this.accBeta2 = tf.tidy(() => tf.variable(tf.scalar(config.beta2), false));
    }
  }

  /** Freezes replica r from the next step on (early stopping). */
  freeze(replica: number): void {
    if (!this.active[replica]) return;
    this.active = this.active.map((on, r) => on && r !== replica);
    for (const scale of this.scaleCache.values()) scale.dispose();
    this.scaleCache.clear();
  }

  /** Applies one step; gradients are in the order of `variables`. */
  apply(gradients: readonly tf.Tensor[]): void {
    const { config } = this;
    tf.tidy(() => {
      if (config.name === 'adam') this.adam(gradients);
      else this.sgd(gradients);
    });
  }

  dispose(): void {
    tf.dispose([...this.slots.flat(), ...(this.accBeta1 ? [this.accBeta1] : []), ...(this.accBeta2 ? [this.accBeta2] : [])]);
    for (const scale of this.scaleCache.values()) scale.dispose();
    this.scaleCache.clear();
    this.slots.length = 0;
  }

  private adam(gradients: readonly tf.Tensor[]): void {
    const { beta1, beta2, epsilon } = this.config;
    const accBeta1 = this.accBeta1 as tf.Variable;
    const accBeta2 = this.accBeta2 as tf.Variable;
    const oneMinusAccBeta1 = tf.sub(1, accBeta1);
    const oneMinusAccBeta2 = tf.sub(1, accBeta2);
    this.variables.forEach((value, i) => {
      const [firstMoment, secondMoment] = this.slotsFor(i, 2) as [tf.Variable, tf.Variable];
      const gradient = gradients[i] as tf.Tensor;
      const newFirstMoment = tf.add(tf.mul(firstMoment, beta1), tf.mul(gradient, 1 - beta1));
      const newSecondMoment = tf.add(tf.mul(secondMoment, beta2), tf.mul(tf.square(gradient), 1 - beta2));
      const biasCorrectedFirstMoment = tf.div(newFirstMoment, oneMinusAccBeta1);
      const biasCorrectedSecondMoment = tf.div(newSecondMoment, oneMinusAccBeta2);
      firstMoment.assign(newFirstMoment);
      secondMoment.assign(newSecondMoment);
      const step = tf.div(biasCorrectedFirstMoment, tf.add(tf.sqrt(biasCorrectedSecondMoment), epsilon));
      value.assign(tf.add(tf.mul(step, this.negativeRates(value.rank)), value));
    });
    accBeta1.assign(tf.mul(accBeta1, beta1));
    accBeta2.assign(tf.mul(accBeta2, beta2));
  }

  private sgd(gradients: readonly tf.Tensor[]): void {
    const { momentum, nesterov } = this.config;
    this.variables.forEach((value, i) => {
      const gradient = gradients[i] as tf.Tensor;
      const rates = this.negativeRates(value.rank);
      if (momentum <= 0) {
        value.assign(tf.add(tf.mul(rates, gradient), value));
        return;
      }
      const [accumulation] = this.slotsFor(i, 1) as [tf.Variable];
      const newAccumulation = tf.add(tf.mul(momentum, accumulation), gradient);
      const direction = nesterov ? tf.add(gradient, tf.mul(newAccumulation, momentum)) : newAccumulation;
      accumulation.assign(newAccumulation);
      value.assign(tf.add(tf.mul(rates, direction), value));
    });
  }

  /** −learningRate of each active replica (0 for frozen ones), shaped [R, 1, …] to broadcast over a weight of `rank`. */
  private negativeRates(rank: number): tf.Tensor {
    let scale = this.scaleCache.get(rank);
    if (!scale) {
      const values = this.learningRates.map((rate, r) => (this.active[r] ? -rate : 0));
      scale = tf.keep(tf.tensor(values, [values.length, ...Array.from({ length: rank - 1 }, () => 1)]));
      this.scaleCache.set(rank, scale);
    }
    return scale;
  }

  private slotsFor(index: number, count: number): tf.Variable[] {
    let slots = this.slots[index];
    if (!slots) {
      const value = this.variables[index] as tf.Variable;
      slots = Array.from({ length: count }, () => tf.keep(tf.variable(tf.zerosLike(value), false)));
      this.slots[index] = slots;
    }
    return slots;
  }
}
