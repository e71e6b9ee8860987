import { stringify } from 'yaml';
import { printJson } from '../cli/output.js';
import { resolveConfigFile } from '../config/resolve-config.js';
import { expandSweep } from '../sweep/expand-sweep.js';

/** `gemlab validate <config>`: schema check of the config and of every sweep trial; nothing runs. */
export async function validateCommand(
  path: string,
  options: { set: readonly string[]; json: boolean; print: boolean },
): Promise<number> {
  const resolved = await resolveConfigFile(path, options.set);
  const sweep = expandSweep(resolved);
  if (options.json) printJson({ valid: true, trials: sweep.trials.length, config: resolved.config });
  else if (options.print) process.stdout.write(stringify(resolved.config));
  else process.stdout.write(`${path}: valid (${sweep.trials.length} trial${sweep.trials.length === 1 ? '' : 's'})\n`);
  return 0;
}
