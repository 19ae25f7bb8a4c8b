import type { CliCommand, CliIo } from './cli-io';
import { UsageError } from './cli-io';
import { backupCommand } from './backup-command';
import { definitionsCommand } from './definitions-command';
import { migrateCommand } from './migrate-command';
import { restoreCommand } from './restore-command';
import { typesCommand } from './types-command';

/** Every command group; add yours here (one file per group in this folder). */
const commands: Record<string, CliCommand> = {
  backup: backupCommand,
  definitions: definitionsCommand,
  migrate: migrateCommand,
  restore: restoreCommand,
  types: typesCommand,
};

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

const help = () =>
  `usage: eventline <command> …\n\n${Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
    .join('\n')}\n\nRun "eventline <command> --help" for its options.\n`;

/** Runs `eventline <command> …` and answers the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`eventline: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`eventline ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
