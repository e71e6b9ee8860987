import { defineDataset, type SeededRng, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { shuffleRows } from '../sampling/shuffle-rows.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 2, default: 500, description: 'number of samples' }),
    noise: Type.Number({
      minimum: 0,
      default: 0.05,
      description: "sd of the Gaussian noise on each coordinate (the paper's 0.05; make_moons itself adds none unless asked)",
    }),
    style: Type.Union([Type.Literal('paper'), Type.Literal('sklearn')], {
      default: 'paper',
      description: "'paper': radius-2 moons with random angles (GEMINI code); 'sklearn': make_moons (unit radius, even angles)",
    }),
  },
  { additionalProperties: false },
);

/** Two interleaving half circles, in the GEMINI paper's version or scikit-learn's make_moons. */
export const moons = defineDataset({
  name: 'moons',
  description: 'Two interleaving half circles (GEMINI paper recipe or scikit-learn make_moons)',
  schema,
  testParams: [{ n: 200 }, { n: 201, style: 'sklearn', noise: 0.1 }],
  create(params, ctx) {
    const { x, y } =
      params.style === 'paper' ? paperMoons(ctx.rng, params.n, params.noise) : sklearnMoons(ctx.rng, params.n, params.noise);
    return makeDataSet({ name: 'moons', source: 'synthetic', x, sampleShape: [2], y, classes: 2 });
  },
});

/**
 * theta ~ U[0, pi], y ~ Bernoulli(1/2), theta <- theta(2y - 1),
 * x = 2(cos theta, sin theta) + (2y - 1)(1, -1/2) + N(0, noise² I).
 */
function paperMoons(rng: SeededRng, n: number, noise: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = rng.next() < 0.5 ? 1 : 0;
    const sign = 2 * label - 1;
    const theta = rng.uniform(0, Math.PI) * sign;
    x[2 * i] = 2 * Math.cos(theta) + sign + noise * rng.normal();
    x[2 * i + 1] = 2 * Math.sin(theta) - sign / 2 + noise * rng.normal();
    y[i] = label;
  }
  return { x, y };
}

/** make_moons: n//2 outer points at even angles on the upper unit half circle, the rest on the inner one; shuffled, then noised. */
function sklearnMoons(rng: SeededRng, n: number, noise: number): { x: Float32Array; y: Int32Array } {
  const outer = Math.floor(n / 2);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= outer;
    const count = inner ? n - outer : outer;
    const t = count === 1 ? 0 : (Math.PI * (inner ? i - outer : i)) / (count - 1);
    x[2 * i] = inner ? 1 - Math.cos(t) : Math.cos(t);
    x[2 * i + 1] = inner ? 0.5 - Math.sin(t) : Math.sin(t);
    y[i] = inner ? 1 : 0;
  }
  const shuffled = shuffleRows(rng, x, y, 2);
  for (let i = 0; i < shuffled.x.length; i++) shuffled.x[i] = (shuffled.x[i] as number) + noise * rng.normal();
  return shuffled;
}
