import { GemlabError } from './gemlab-error.js';

/** A config names a plugin that no module registered. */
export class UnknownPluginError extends GemlabError {
  constructor(kind: string, name: string, known: readonly string[]) {
    super('GEMLAB_UNKNOWN_PLUGIN', `unknown ${kind} '${name}'; known: ${known.join(', ') || '(none)'}`);
  }
}

/** Two modules register the same (kind, name). */
export class DuplicatePluginError extends GemlabError {
  constructor(kind: string, name: string, firstSource: string, secondSource: string) {
    super('GEMLAB_DUPLICATE_PLUGIN', `${kind} '${name}' is registered by ${firstSource} and by ${secondSource}`);
  }
}

/** An external plugin (file or package) could not be imported or does not export a plugin. */
export class PluginLoadError extends GemlabError {
  constructor(reference: string, reason: string, options?: { cause?: unknown }) {
    super('GEMLAB_PLUGIN_LOAD', `${reference}: ${reason}`, options);
  }
}
