import { deriveSeed, type Tensor, tf } from '@gemlab/core';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface SeededDropoutArgs extends LayerArgs {
  readonly rate: number;
  readonly seed: number;
}

/**
 * Dropout whose masks are reproducible yet fresh at every training call. tfjs's own
 * `dropout({ seed })` re-seeds on each call and so drops the same units at every step;
 * this layer seeds call i with deriveSeed(seed, i). Identity outside training.
 */
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'GemlabSeededDropout';
  readonly rate: number;
  readonly seed: number;
  private trainingCalls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
    const input = Array.isArray(inputs) ? (inputs[0] as Tensor) : inputs;
    if (kwargs.training !== true || this.rate === 0) return input;
    const maskSeed = deriveSeed(this.seed, 'dropout-call', this.trainingCalls++);
    return tf.tidy(() => tf.dropout(input, this.rate, undefined, maskSeed));
  }

  override getConfig() {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
