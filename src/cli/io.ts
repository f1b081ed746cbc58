/** What a command may touch of the outside world; tests pass an in-memory one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Reads standard input (for `-` arguments): everything, or with `maxBytes` at most `maxBytes` + 1 bytes, then it
   * stops reading (bytes are then decoded like a file: UTF-16 marks, binary).
   */
  readStdin(maxBytes?: number): Promise<string | Uint8Array>;
  /** Whether stdout / stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The process exit code the command asks for (DESIGN §6: 0 ok, 1 findings/denied, 2 usage or input error, 3 internal). */
  exitCode: number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

/** A usage or input error: reported as `aksguard: <message>` with exit code 2. */
export class UsageError extends Error {}
