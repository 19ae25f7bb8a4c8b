import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

/** A command's options and positionals; an unknown or malformed option is a usage error, answered with the usage. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
