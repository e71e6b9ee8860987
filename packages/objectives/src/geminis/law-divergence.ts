import type { Tensor2D } from '@gemlab/core';

/**
 * The divergence a GEMINI is made of, between laws on the batch: column k of `a` against
 * column l of `b` (each column a probability vector over the N samples), as the K×M matrix
 * D_kl = D(a_k ‖ b_l). `affinity` is the batch's N×N kernel or cost matrix, for the GEMINIs
 * that declare one. Called inside tf.tidy; it must be differentiable in a and b.
 * The built-in f-divergences, TV and MMD also take R stacked batches (a [R, N, K], b [R, N, M],
 * affinity [R, N, N] → [R, K, M]): their axes are counted from the end and their products are
 * batched matMuls, which is what lets a GEMINI evaluate R replicas in one go.
 */
export type LawDivergence = (a: Tensor2D, b: Tensor2D, affinity: Tensor2D | undefined) => Tensor2D;
