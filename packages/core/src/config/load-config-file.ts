import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors/config-error.js';

/** Reads a YAML or JSON config file into a plain object; syntax errors name the file and line. */
export function loadConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([{ path: '', message: `${path}: ${reason}` }]);
  }
  const value = extname(path) === '.json' ? parseJson(path, text) : parseYamlText(path, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([
      { path: '', message: `${path}: a config must be a mapping of sections (dataset, model, objective, ...)` },
    ]);
  }
  return value as Record<string, unknown>;
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ path: '', message: `${path}: invalid JSON: ${(error as Error).message}` }]);
  }
}

function parseYamlText(path: string, text: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  const first = document.errors[0];
  if (first) {
    const where = first.linePos?.[0] ? `:${first.linePos[0].line}:${first.linePos[0].col}` : '';
    const reason = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError([{ path: '', message: `${path}${where}: invalid YAML: ${reason}` }]);
  }
  return document.toJS();
}
