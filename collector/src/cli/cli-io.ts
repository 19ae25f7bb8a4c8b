/** What a command may touch, so tests can run it in-process with their own streams and environment. */
export interface CliIo {
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** A command group: `eventline <name> …`. Answers the exit code: 0 done, 1 failed, 2 bad usage. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
