import { Command, InvalidArgumentError, Option } from 'commander';
import { infoCommand } from '../commands/info.js';
import { pluginsCommand } from '../commands/plugins.js';
import { reportCommand } from '../commands/report.js';
import { runCommand } from '../commands/run.js';
import { scoreCommand } from '../commands/score.js';
import { sweepCommand } from '../commands/sweep.js';
import { queuedSweepCommand, sweepCancelCommand, sweepStatusCommand } from '../commands/sweep-queued.js';
import { syncCommand } from '../commands/sync.js';
import { validateCommand } from '../commands/validate.js';
import { workerCommand } from '../commands/worker.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

/** Sets the exit code a command returned (the process then exits when its work is done). */
type Exit = (code: number) => void;

/** The gemlab CLI definition (also the source of docs/cli.md). */
export function buildProgram(version: string, exit: Exit): Command {
  const program = new Command('gemlab')
    .description('Discriminative clustering with GEMINI objectives: train, sweep across cluster counts, compare in MLflow.')
    .version(version, '-V, --version', 'print the gemlab version (see `gemlab info` for the tensor backend)')
    .showHelpAfterError('(run gemlab --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const setOption = () =>
    new Option(
      '--set <path=value>',
      'override a config value (repeatable), e.g. model.nClusters=8 or sweep.parameters["dataset.df"]=[1]',
    )
      .argParser(collect)
      .default([]);

  program
    .command('run')
    .description('train one run from a config file and log it to the tracking store')
    .argument('<config>', 'YAML or JSON config file')
    .addOption(setOption())
    .option('--json', 'print one JSON object', false)
    .action(async (config: string, options) => exit(await runCommand(config, options)));

  program
    .command('sweep')
    .description('run a sweep (grid or random) across cluster counts, objectives, seeds or any config value; resumable')
    .argument('[config]', 'YAML or JSON config file with a sweep section (not with --status or --cancel)')
    .addOption(setOption())
    .option('--json', 'print one JSON object { sweepId, trials, report }', false)
    .option(
      '--resume',
      'continue an existing sweep (fails if there is none); re-running without it also skips finished trials',
      false,
    )
    .option('--force', 'continue a sweep whose definition changed', false)
    .option('--workers <n>', 'trials in parallel on this machine (overrides sweep.workers)', positiveInt)
    .addOption(
      new Option('--executor <name>', 'where trials run: this machine, or a BullMQ queue served by `gemlab worker`s')
        .choices(['local', 'bullmq'])
        .default('local'),
    )
    .option('--redis <url>', 'the Redis server of the queue (default: GEMLAB_REDIS_URL)')
    .option('--wait', 'with --executor bullmq: wait for the sweep to finish and print its report', false)
    .option('--status <sweepId>', 'show the trials of a queued sweep by state')
    .option('--cancel <sweepId>', 'cancel a queued sweep: waiting trials are removed, running ones stopped')
    .action(async (config: string | undefined, options, command: Command) => {
      if (options.status) return exit(await sweepStatusCommand(options.status, options));
      if (options.cancel) return exit(await sweepCancelCommand(options.cancel, options));
      if (!config) return command.error("error: missing required argument 'config' (or --status/--cancel <sweepId>)");
      exit(options.executor === 'bullmq' ? await queuedSweepCommand(config, options) : await sweepCommand(config, options));
    });

  program
    .command('worker')
    .description('run the trials of queued sweeps (gemlab sweep --executor bullmq) on this machine, until stopped')
    .option('--redis <url>', 'the Redis server of the queue (default: GEMLAB_REDIS_URL)')
    .option('--concurrency <n>', 'trials at once, each in its own process', positiveInt, 1)
    .option('--tracking-uri <uri>', "this machine's address of the sweeps' MLflow server (default: MLFLOW_TRACKING_URI)")
    .action(async (options) => exit(await workerCommand(options)));

  program
    .command('report')
    .description("rebuild a sweep's K report, tables and figures from the store and log them on its parent run")
    .argument('<config>', 'the config file the sweep was run with')
    .addOption(setOption())
    .option('--json', 'print one JSON object', false)
    .action(async (config: string, options) => exit(await reportCommand(config, options)));

  program
    .command('validate')
    .description('check a config (and every trial of its sweep) against the schema; runs nothing')
    .argument('<config>', 'YAML or JSON config file')
    .addOption(setOption())
    .option('--print', 'print the resolved config with every default', false)
    .option('--json', 'print one JSON object', false)
    .action(async (config: string, options) => exit(await validateCommand(config, options)));

  program
    .command('plugins')
    .description('list every registered plugin with its description and parameter schema')
    .option('--kind <kind>', 'only this kind: objective, kernel, distance, architecture or dataset')
    .option('--plugin <file-or-package>', 'also load an external plugin (repeatable)', collect, [])
    .option('--json', 'print JSON, schemas included', false)
    .action(async (options) => exit(await pluginsCommand(options)));

  program
    .command('score')
    .description("the GEMINI of given cluster probabilities (like gemclus's scoring of predict_proba)")
    .requiredOption('--objective <name>', 'objective plugin, e.g. mi, tv, mmd, wasserstein')
    .option('--mode <mode>', 'ova or ovo')
    .option('--kernel <name>', 'kernel of mmd, e.g. linear, rbf')
    .option('--distance <name>', 'distance of wasserstein, e.g. euclidean, sqeuclidean')
    .option('--epsilon <e>', 'probability clipping', Number)
    .addOption(
      new Option('--set <key=value>', 'objective param, e.g. kernel.gamma=0.5 (repeatable)').argParser(collect).default([]),
    )
    .option('--plugin <file-or-package>', 'load an external plugin (repeatable)', collect, [])
    .option('--data <X.csv>', 'samples, one per row (optional header); needed for kernel and distance GEMINIs')
    .requiredOption('--probs <P.csv>', 'cluster probabilities, one row per sample, each summing to 1')
    .option('--json', 'print one JSON object { objective, mode, value, ... }', false)
    .action(async (options) => exit(await scoreCommand(options)));

  program
    .command('sync')
    .description('replay the local run store into an MLflow server (idempotent: a second sync adds nothing)')
    .option('--store <dir>', 'the local run store', './gemlab-runs')
    .option('--to <uri>', 'the MLflow tracking server (default: MLFLOW_TRACKING_URI)')
    .option('--experiment <name>', 'only this experiment')
    .option('--json', 'print one JSON object with the counts', false)
    .action(async (options) => exit(await syncCommand(options)));

  program
    .command('info')
    .description('print the gemlab and tfjs versions and the tensor backend in use')
    .option('--json', 'print one JSON object', false)
    .action(async (options) => exit(await infoCommand(options)));

  return program;
}
