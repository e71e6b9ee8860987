import { DataError } from '@gemlab/core';

/** The cells of an optimal coupling that carry mass (at most n + m − 1 of them: a basic solution). */
export interface TransportPlan {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly mass: Float64Array;
}

/** An exact optimal-transport solution. */
export interface EmdResult {
  /** Σ γ_ij D_ij at the optimum, with b rescaled to a's total mass. */
  readonly cost: number;
  /**
   * Dual potentials (source u, target v): u_i + v_j ≤ D_ij for every i, j, with equality
   * wherever γ_ij > 0, so Σ a_i u_i + Σ b_j v_j = cost. Defined up to (u + c, v − c); mean(u) = 0 here.
   * Zero-weight points get the tightest feasible value, u_i = min_j (D_ij − v_j) (likewise v_j).
   */
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly plan: TransportPlan;
  /** Simplex pivots performed. */
  readonly iterations: number;
}

export interface EmdOptions {
  /** Pivot budget; reaching it throws rather than returning a non-optimal answer. */
  readonly maxIterations?: number;
}

/** Largest relative difference of Σa and Σb still taken as rounding (b is rescaled to Σa). */
const MASS_TOLERANCE = 1e-6;

/**
 * Earth mover's distance between weights a (n) and b (m) under the row-major n×m cost matrix,
 * solved exactly by the network simplex (see NetworkSimplex below), in float64.
 * Points of zero weight are left out of the simplex and get their potentials afterwards.
 */
export function solveEmd(a: Float64Array, b: Float64Array, cost: Float64Array, options: EmdOptions = {}): EmdResult {
  const n = a.length;
  const m = b.length;
  checkInputs(a, b, cost);
  const massA = sum(a);
  const massB = sum(b);
  const rows = positiveIndices(a);
  const cols = positiveIndices(b);
  const supply = Float64Array.from(rows, (i) => a[i] as number);
  const demand = Float64Array.from(cols, (j) => ((b[j] as number) * massA) / massB);
  const compactCost = rows.length === n && cols.length === m ? cost : submatrix(cost, m, rows, cols);

  const simplex = new NetworkSimplex(supply, demand, compactCost);
  const iterations = simplex.run(options.maxIterations ?? 1000 * (n + m) + 100_000);

  const u = new Float64Array(n);
  const v = new Float64Array(m);
  rows.forEach((i, r) => {
    u[i] = simplex.sourcePotential(r);
  });
  cols.forEach((j, c) => {
    v[j] = simplex.targetPotential(c);
  });
  fillZeroWeightPotentials(u, v, a, b, cost);
  const shift = mean(u);
  for (let i = 0; i < n; i++) u[i] = (u[i] as number) - shift;
  for (let j = 0; j < m; j++) v[j] = (v[j] as number) + shift;

  const basic = simplex.basicFlows();
  const plan: TransportPlan = {
    rows: Int32Array.from(basic.rows, (r) => rows[r] as number),
    cols: Int32Array.from(basic.cols, (c) => cols[c] as number),
    mass: basic.mass,
  };
  let total = 0;
  for (let k = 0; k < plan.mass.length; k++) {
    total += (plan.mass[k] as number) * (cost[(plan.rows[k] as number) * m + (plan.cols[k] as number)] as number);
  }
  return { cost: total, u, v, plan, iterations };
}

function checkInputs(a: Float64Array, b: Float64Array, cost: Float64Array): void {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new DataError(`emd: both supports need at least one point (got ${n} and ${m})`);
  if (cost.length !== n * m) {
    throw new DataError(`emd: cost matrix has ${cost.length} entries; expected ${n}×${m} = ${n * m}`);
  }
  checkWeights(a, 'a');
  checkWeights(b, 'b');
  for (let e = 0; e < cost.length; e++) {
    if (!Number.isFinite(cost[e])) {
      throw new DataError(`emd: cost[${Math.floor(e / m)}][${e % m}] = ${cost[e]} must be finite`);
    }
  }
  const massA = sum(a);
  const massB = sum(b);
  if (Math.abs(massA - massB) > MASS_TOLERANCE * Math.max(massA, massB)) {
    throw new DataError(`emd: weights must have equal total mass (Σa = ${massA}, Σb = ${massB})`);
  }
}

function checkWeights(weights: Float64Array, label: string): void {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (!(Number.isFinite(w) && w >= 0)) throw new DataError(`emd: weight ${label}[${i}] = ${w} must be finite and >= 0`);
  }
  if (!(sum(weights) > 0)) throw new DataError(`emd: weights ${label} sum to 0; they must have positive mass`);
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

function mean(values: Float64Array): number {
  return sum(values) / values.length;
}

function positiveIndices(weights: Float64Array): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < weights.length; i++) if ((weights[i] as number) > 0) kept.push(i);
  return Int32Array.from(kept);
}

function submatrix(cost: Float64Array, m: number, rows: Int32Array, cols: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  for (let r = 0; r < rows.length; r++) {
    const offset = (rows[r] as number) * m;
    for (let c = 0; c < cols.length; c++) out[r * cols.length + c] = cost[offset + (cols[c] as number)] as number;
  }
  return out;
}

/**
 * Zero-weight points carry no mass, so any potential that keeps the dual feasible is optimal.
 * Give each the tightest one: first zero-weight targets against the solved sources, then
 * zero-weight sources against every target, so every constraint u_i + v_j ≤ D_ij holds.
 */
function fillZeroWeightPotentials(u: Float64Array, v: Float64Array, a: Float64Array, b: Float64Array, cost: Float64Array) {
  const n = a.length;
  const m = b.length;
  for (let j = 0; j < m; j++) {
    if ((b[j] as number) > 0) continue;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if ((a[i] as number) > 0) best = Math.min(best, (cost[i * m + j] as number) - (u[i] as number));
    }
    v[j] = best;
  }
  for (let i = 0; i < n; i++) {
    if ((a[i] as number) > 0) continue;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) best = Math.min(best, (cost[i * m + j] as number) - (v[j] as number));
    u[i] = best;
  }
}

/**
 * Primal network simplex on the complete bipartite graph sources → targets (uncapacitated
 * arcs, strictly positive supplies and demands), after the design of LEMON's NetworkSimplex
 * (which POT's ot.emd wraps):
 *
 * - Nodes 0..n−1 are sources, n..n+m−1 targets, n+m an artificial root. The start basis is a
 *   star: source → root (cost 0) and root → target (a cost above every D_ij), so it is feasible
 *   and strongly feasible; the artificial arcs leave the basis and never re-enter.
 * - The spanning tree is stored as parent/pred arrays plus a preorder thread with subtree sizes
 *   and last successors, so a pivot costs the cycle length plus the moved subtree, never O(n+m).
 * - Entering arc: block search pricing (scan blocks of ≈ √(nm) arcs from where the last scan
 *   stopped; take the most negative reduced cost of the first block that has one).
 * - Leaving arc: the last blocking arc of the cycle walked from its apex in the direction of
 *   the entering arc. That keeps the tree strongly feasible (every zero-flow tree arc points
 *   to the root), which rules out cycling on degenerate problems (ties, duplicate points).
 *
 * Reduced cost of arc s → t is c + π_s − π_t (zero on tree arcs), so u = −π (sources), v = π (targets).
 * Flows of non-tree arcs are zero (no capacities), so flow is stored per node, on its pred arc.
 */
class NetworkSimplex {
  private readonly n: number;
  private readonly m: number;
  private readonly root: number;
  private readonly arcCount: number;
  private readonly artificialCost: number;
  /** Reduced costs above −tolerance count as non-negative (float64 rounding of the potentials). */
  private readonly tolerance: number;
  private readonly blockSize: number;
  private nextArc = 0;

  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  /** 1 when the pred arc points from the node to its parent. */
  private readonly up: Uint8Array;
  private readonly flow: Float64Array;
  private readonly thread: Int32Array;
  private readonly revThread: Int32Array;
  private readonly succNum: Int32Array;
  private readonly lastSucc: Int32Array;
  private readonly pi: Float64Array;
  private readonly inTree: Uint8Array;

  // scratch buffers for one pivot's path (indexed along the path from the entering node)
  private readonly path: Int32Array;
  private readonly pathLast: Int32Array;
  private readonly pathRev: Int32Array;
  private readonly pathNext: Int32Array;
  private readonly pathAfterLast: Int32Array;
  private readonly pathSize: Int32Array;
  private readonly pathPred: Int32Array;
  private readonly pathUp: Uint8Array;
  private readonly pathFlow: Float64Array;

  constructor(
    supply: Float64Array,
    demand: Float64Array,
    private readonly cost: Float64Array,
  ) {
    const n = supply.length;
    const m = demand.length;
    const nodes = n + m + 1;
    this.n = n;
    this.m = m;
    this.root = n + m;
    this.arcCount = n * m;
    let largest = 0;
    for (let e = 0; e < cost.length; e++) largest = Math.max(largest, Math.abs(cost[e] as number));
    // Any cost above max D_ij makes a root detour dearer than a direct arc, so the optimum
    // carries no artificial flow; a small one keeps the potentials at the scale of D.
    this.artificialCost = largest > 0 ? 2 * largest : 1;
    this.tolerance = 1e-12 * (largest > 0 ? largest : 1);
    this.blockSize = Math.max(10, Math.ceil(Math.sqrt(this.arcCount)));

    this.parent = new Int32Array(nodes);
    this.pred = new Int32Array(nodes);
    this.up = new Uint8Array(nodes);
    this.flow = new Float64Array(nodes);
    this.thread = new Int32Array(nodes);
    this.revThread = new Int32Array(nodes);
    this.succNum = new Int32Array(nodes);
    this.lastSucc = new Int32Array(nodes);
    this.pi = new Float64Array(nodes);
    this.inTree = new Uint8Array(this.arcCount);
    this.path = new Int32Array(nodes);
    this.pathLast = new Int32Array(nodes);
    this.pathRev = new Int32Array(nodes);
    this.pathNext = new Int32Array(nodes);
    this.pathAfterLast = new Int32Array(nodes);
    this.pathSize = new Int32Array(nodes);
    this.pathPred = new Int32Array(nodes);
    this.pathUp = new Uint8Array(nodes);
    this.pathFlow = new Float64Array(nodes);

    for (let node = 0; node < this.root; node++) {
      this.parent[node] = this.root;
      this.pred[node] = this.arcCount + node;
      const isSource = node < n;
      this.up[node] = isSource ? 1 : 0;
      this.flow[node] = isSource ? (supply[node] as number) : (demand[node - n] as number);
      this.pi[node] = isSource ? 0 : this.artificialCost;
      this.thread[node] = node + 1;
      this.revThread[node + 1] = node;
      this.succNum[node] = 1;
      this.lastSucc[node] = node;
    }
    this.parent[this.root] = -1;
    this.pred[this.root] = -1;
    this.thread[this.root] = 0;
    this.revThread[0] = this.root;
    this.succNum[this.root] = nodes;
    this.lastSucc[this.root] = this.root - 1;
  }

  /** Pivots to optimality; returns the number of pivots. */
  run(maxIterations: number): number {
    let iterations = 0;
    for (;;) {
      let entering = this.findEnteringArc();
      if (entering < 0) {
        // Optimal up to the potentials' accumulated rounding: recompute them and look once more.
        this.recomputePotentials();
        entering = this.findEnteringArc();
        if (entering < 0) return iterations;
      }
      if (iterations >= maxIterations) {
        throw new Error(`network simplex: no optimum after ${iterations} pivots (n=${this.n}, m=${this.m})`);
      }
      this.pivot(entering);
      iterations++;
    }
  }

  sourcePotential(i: number): number {
    return -(this.pi[i] as number);
  }

  targetPotential(j: number): number {
    return this.pi[this.n + j] as number;
  }

  /** The positive flows of the real (non-artificial) tree arcs. */
  basicFlows(): { rows: Int32Array; cols: Int32Array; mass: Float64Array } {
    const rows: number[] = [];
    const cols: number[] = [];
    const mass: number[] = [];
    for (let node = 0; node < this.root; node++) {
      const arc = this.pred[node] as number;
      const f = this.flow[node] as number;
      if (arc < this.arcCount && f > 0) {
        const i = Math.floor(arc / this.m);
        rows.push(i);
        cols.push(arc - i * this.m);
        mass.push(f);
      }
    }
    return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), mass: Float64Array.from(mass) };
  }

  /** Block search: the most negative reduced cost of the first block holding one, or −1. */
  private findEnteringArc(): number {
    const { cost, pi, inTree, m, n, arcCount, blockSize } = this;
    let best = -this.tolerance;
    let bestArc = -1;
    let remaining = blockSize;
    let e = this.nextArc;
    let i = Math.floor(e / m);
    let j = e - i * m;
    let rowPotential = pi[i] as number;
    for (let scanned = 0; scanned < arcCount; scanned++) {
      const reduced = (cost[e] as number) + rowPotential - (pi[n + j] as number);
      if (reduced < best && inTree[e] === 0) {
        best = reduced;
        bestArc = e;
      }
      e++;
      j++;
      if (j === m) {
        j = 0;
        i++;
        if (i === n) {
          i = 0;
          e = 0;
        }
        rowPotential = pi[i] as number;
      }
      if (--remaining === 0) {
        if (bestArc >= 0) break;
        remaining = blockSize;
      }
    }
    this.nextArc = e;
    return bestArc;
  }

  private arcCost(arc: number): number {
    if (arc < this.arcCount) return this.cost[arc] as number;
    return arc - this.arcCount < this.n ? 0 : this.artificialCost;
  }

  private recomputePotentials(): void {
    const { pi, parent, pred, up, thread, root } = this;
    pi[root] = 0;
    for (let node = thread[root] as number; node !== root; node = thread[node] as number) {
      const c = this.arcCost(pred[node] as number);
      const p = pi[parent[node] as number] as number;
      pi[node] = up[node] === 1 ? p - c : p + c;
    }
  }

  private pivot(entering: number): void {
    const { parent, up, flow, succNum } = this;
    const source = Math.floor(entering / this.m);
    const target = this.n + (entering - source * this.m);
    const reduced = (this.cost[entering] as number) + (this.pi[source] as number) - (this.pi[target] as number);

    // Apex of the cycle: climb from the smaller subtree until the two walks meet.
    let x = source;
    let y = target;
    while (x !== y) {
      if ((succNum[x] as number) < (succNum[y] as number)) x = parent[x] as number;
      else y = parent[y] as number;
    }
    const join = x;

    // Flow goes source → target, then up from target to the apex and down to source. Arcs
    // against that direction decrease; ties go to the last one met walking from the apex.
    let delta = Number.POSITIVE_INFINITY;
    let leavingNode = -1;
    let leavingOnSourceSide = false;
    for (let node = source; node !== join; node = parent[node] as number) {
      if (up[node] === 1 && (flow[node] as number) < delta) {
        delta = flow[node] as number;
        leavingNode = node;
        leavingOnSourceSide = true;
      }
    }
    for (let node = target; node !== join; node = parent[node] as number) {
      if (up[node] === 0 && (flow[node] as number) <= delta) {
        delta = flow[node] as number;
        leavingNode = node;
        leavingOnSourceSide = false;
      }
    }
    if (leavingNode < 0) throw new Error('network simplex: unbounded cycle (this is a bug in gemlab)');

    if (delta > 0) {
      for (let node = source; node !== join; node = parent[node] as number) {
        flow[node] = (flow[node] as number) + (up[node] === 1 ? -delta : delta);
      }
      for (let node = target; node !== join; node = parent[node] as number) {
        flow[node] = (flow[node] as number) + (up[node] === 1 ? delta : -delta);
      }
    }

    const leavingArc = this.pred[leavingNode] as number;
    if (leavingArc < this.arcCount) this.inTree[leavingArc] = 0;
    this.inTree[entering] = 1;

    // The subtree under the leaving arc holds one end of the entering arc; it is re-hung from there.
    const enteringNode = leavingOnSourceSide ? source : target;
    const anchor = leavingOnSourceSide ? target : source;
    this.moveSubtree(entering, enteringNode === source, enteringNode, anchor, leavingNode, join, delta);
    const shift = enteringNode === source ? -reduced : reduced;
    const pi = this.pi;
    let node = enteringNode;
    for (let k = succNum[enteringNode] as number; k > 0; k--) {
      pi[node] = (pi[node] as number) + shift;
      node = this.thread[node] as number;
    }
  }

  /**
   * Cuts the subtree S rooted at `leavingNode`, re-roots it at `enteringNode` (reversing the
   * path between them) and hangs it under `anchor` by the entering arc, keeping thread,
   * subtree sizes and last successors consistent. Sizes change only below `join`.
   */
  private moveSubtree(
    enteringArc: number,
    enteringFromSource: boolean,
    enteringNode: number,
    anchor: number,
    leavingNode: number,
    join: number,
    delta: number,
  ): void {
    const { parent, pred, up, flow, thread, revThread, succNum, lastSucc } = this;
    const { path, pathLast, pathRev, pathNext, pathAfterLast, pathSize, pathPred, pathUp, pathFlow } = this;

    // Old facts along the path enteringNode = x_0, x_1 = parent(x_0), …, x_k = leavingNode.
    let k = 0;
    path[0] = enteringNode;
    while (path[k] !== leavingNode) {
      path[k + 1] = parent[path[k] as number] as number;
      k++;
    }
    for (let idx = 0; idx <= k; idx++) {
      const x = path[idx] as number;
      pathLast[idx] = lastSucc[x] as number;
      pathRev[idx] = revThread[x] as number;
      pathNext[idx] = thread[x] as number;
      pathAfterLast[idx] = thread[lastSucc[x] as number] as number;
      pathSize[idx] = succNum[x] as number;
      pathPred[idx] = pred[x] as number;
      pathUp[idx] = up[x] as number;
      pathFlow[idx] = flow[x] as number;
    }
    const subtreeSize = pathSize[k] as number;
    const oldParent = parent[leavingNode] as number;
    const subtreeLast = pathLast[k] as number;

    // 1. Cut S's thread segment out of the tree.
    this.link(pathRev[k] as number, pathAfterLast[k] as number);
    for (let w = oldParent; w !== -1 && lastSucc[w] === subtreeLast; w = parent[w] as number) {
      lastSucc[w] = pathRev[k] as number;
    }
    for (let w = oldParent; w !== join; w = parent[w] as number) succNum[w] = (succNum[w] as number) - subtreeSize;

    // 2. New preorder of S rooted at x_0: x_0's segment, then each x_i followed by the parts of
    //    its old segment before (A_i) and after (B_i) the segment of x_{i−1}.
    let tail = pathLast[0] as number;
    for (let idx = 1; idx <= k; idx++) {
      const x = path[idx] as number;
      const child = path[idx - 1] as number;
      this.link(tail, x);
      tail = x;
      if (pathNext[idx] !== child) {
        this.link(x, pathNext[idx] as number);
        tail = pathRev[idx - 1] as number;
      }
      if (pathLast[idx - 1] !== pathLast[idx]) {
        this.link(tail, pathAfterLast[idx - 1] as number);
        tail = pathLast[idx] as number;
      }
    }
    const newLast = tail;

    // 3. Reverse the path: x_i hangs from x_{i−1} by x_{i−1}'s old pred arc, pointing the other way.
    parent[enteringNode] = anchor;
    pred[enteringNode] = enteringArc;
    up[enteringNode] = enteringFromSource ? 1 : 0;
    flow[enteringNode] = delta;
    succNum[enteringNode] = subtreeSize;
    lastSucc[enteringNode] = newLast;
    for (let idx = 1; idx <= k; idx++) {
      const x = path[idx] as number;
      parent[x] = path[idx - 1] as number;
      pred[x] = pathPred[idx - 1] as number;
      up[x] = 1 - (pathUp[idx - 1] as number);
      flow[x] = pathFlow[idx - 1] as number;
      succNum[x] = subtreeSize - (pathSize[idx - 1] as number);
      lastSucc[x] = newLast;
    }

    // 4. Splice S in right after the anchor, as its first child.
    const next = thread[anchor] as number;
    this.link(anchor, enteringNode);
    this.link(newLast, next);
    for (let w = anchor; w !== -1 && lastSucc[w] === anchor; w = parent[w] as number) lastSucc[w] = newLast;
    for (let w = anchor; w !== join; w = parent[w] as number) succNum[w] = (succNum[w] as number) + subtreeSize;
  }

  private link(from: number, to: number): void {
    this.thread[from] = to;
    this.revThread[to] = from;
  }
}
