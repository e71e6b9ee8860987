// How much two busy processes slow each other on this machine: each workload runs alone, then two
// copies at once, alternating round by round; the medians give the speed-up two workers can reach
// at best (2 × alone / paired). A workload that slows down when paired limits `workers: 2` no
// matter how the runner schedules. Usage: node bench/sweep-workers/pairing.mjs [rounds=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'apps', 'runner', 'bin', 'gemlab.js');
const rounds = Number(process.argv[2] ?? 3);

const FP_LOOP = 'let a = 0; for (let i = 1; i <= 2e7; i++) a += Math.sqrt(i) * Math.sin(i); if (a === 0.5) console.log(a);';
const MATMUL = `const n = 96, a = new Float32Array(n * n).fill(1.1), b = new Float32Array(n * n).fill(0.9);
let s = 0;
for (let r = 0; r < 600; r++) {
  const c = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) { const x = a[i * n + k]; for (let j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j]; }
  s += c[5];
}
if (s === 0.5) console.log(s);`;

/** Each workload: a command line, and a folder to clean afterwards (a fresh run store for the trial). */
const WORKLOADS = {
  'fp loop (Math.sqrt · Math.sin)': () => ({ args: ['-e', FP_LOOP] }),
  'matmul 96×96 (Float32Array)': () => ({ args: ['-e', MATMUL] }),
  'one gemlab trial (GSTM MLP, 40 epochs, wasm)': () => {
    const store = mkdtempSync(join(tmpdir(), 'gemlab-pairing-'));
    return {
      args: [
        bin,
        'run',
        join(here, 'sweep.yaml'),
        '--set',
        `tracking.store=${store}`,
        '--set',
        'backend=wasm',
        '--set',
        'training.epochs=40',
      ],
      cleanup: () => rmSync(store, { recursive: true, force: true }),
    };
  },
};

function timed(makeCommand) {
  const { args, cleanup } = makeCommand();
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      cleanup?.();
      if (code !== 0) reject(new Error(`${args.join(' ').slice(0, 80)} exited with ${code}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e9);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};

console.log(
  `${new Date().toISOString().slice(0, 16)}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at start, ${rounds} rounds\n`,
);
console.log('| workload | alone s | two at once s (each) | slowdown when paired | best speed-up of 2 workers |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, make] of Object.entries(WORKLOADS)) {
  const alone = [];
  const paired = [];
  for (let r = 0; r < rounds; r++) {
    alone.push(await timed(make));
    paired.push(...(await Promise.all([timed(make), timed(make)])));
  }
  const [a, p] = [median(alone), median(paired)];
  console.log(`| ${name} | ${a.toFixed(2)} | ${p.toFixed(2)} | ${(p / a).toFixed(2)}× | ${((2 * a) / p).toFixed(2)}× |`);
}
console.log(`\nload average ${loadavg()[0].toFixed(1)} at the end`);
