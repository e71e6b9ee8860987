import type { Argument, Command, Option } from 'commander';
import { code, flowValue, markdownTable } from './markdown.js';
import type { ReferenceBlocks } from './reference-blocks.js';

/**
 * The generated part of docs/cli.md (block `cli`), read from the commander program itself:
 * a summary of the subcommands, the global options, then per subcommand its usage,
 * description, arguments and options with their defaults.
 */
export function cliReference(program: Command): ReferenceBlocks {
  const commands = program.commands;
  const parts = [
    markdownTable(
      ['command', 'what it does'],
      commands.map((command) => [
        `[${code(`${program.name()} ${command.name()}`)}](#${anchor(program, command)})`,
        command.description(),
      ]),
    ),
    `Global options of ${code(program.name())}:\n\n${optionsTable(program.options)}`,
    ...commands.map((command) => commandSection(program, command)),
  ];
  return { cli: parts.join('\n\n') };
}

function usage(program: Command, command: Command): string {
  const args = command.registeredArguments.map(argumentLabel);
  const hasOptions = command.options.some((option) => !option.hidden);
  return [program.name(), command.name(), ...(hasOptions ? ['[options]'] : []), ...args].join(' ');
}

/** GitHub's heading anchor of the section's title `gemlab <name>`. */
function anchor(program: Command, command: Command): string {
  return `${program.name()}-${command.name()}`.toLowerCase();
}

function argumentLabel(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

function commandSection(program: Command, command: Command): string {
  const parts = [`### ${program.name()} ${command.name()}`, '```\n' + usage(program, command) + '\n```', command.description()];
  if (command.registeredArguments.length > 0) {
    parts.push(
      markdownTable(
        ['argument', 'description'],
        command.registeredArguments.map((argument) => [code(argumentLabel(argument)), argument.description]),
      ),
    );
  }
  const options = command.options.filter((option) => !option.hidden);
  if (options.length > 0) parts.push(optionsTable(options));
  return parts.join('\n\n');
}

function optionsTable(options: readonly Option[]): string {
  return markdownTable(
    ['option', 'default', 'description'],
    options.filter((option) => !option.hidden).map((option) => [code(option.flags), optionDefault(option), option.description]),
  );
}

/** `required` for a mandatory option, the default when it says something, else `—`. */
function optionDefault(option: Option): string {
  if (option.mandatory) return 'required';
  if (option.defaultValueDescription) return option.defaultValueDescription;
  const value: unknown = option.defaultValue;
  if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) return '—';
  return code(flowValue(value));
}
