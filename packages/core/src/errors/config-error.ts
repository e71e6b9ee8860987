import { GemlabError } from './gemlab-error.js';

/** One problem of a configuration: the dotted path and what is wrong there. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** The configuration (file, override or schema check) is invalid; `problems` holds one line per problem. */
export class ConfigError extends GemlabError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], source?: string) {
    const prefix = source ? `${source}: ` : '';
    super('GEMLAB_CONFIG', problems.map((p) => prefix + (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.problems = problems;
  }
}
