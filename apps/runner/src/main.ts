// The `gemlab` executable: parses the command line, runs the command, and turns every
// GemlabError into one line per problem on stderr with exit code 2 (never a stack trace).
import { createRequire } from 'node:module';
import { isGemlabError } from '@gemlab/core';
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(version, (code) => {
    exitCode = code;
  });
  program.exitOverride();
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isGemlabError(error)) {
      for (const line of error.message.split('\n')) process.stderr.write(`gemlab: ${error.code}: ${line}\n`);
      return 2;
    }
    process.stderr.write(
      `${(error as Error)?.stack ?? String(error)}\n\nThis is a bug in gemlab; please report it with this trace.\n`,
    );
    return 70;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
  // tfjs and pending handles must not keep a finished command alive.
  setImmediate(() => process.exit(code));
});
