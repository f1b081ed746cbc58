import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Each write to standard output as it was made (streamed output comes in bounded pieces). */
  writes: string[];
}

/** Runs the CLI in-process with captured streams (no terminal unless asked). */
export async function runCli(
  args: string[],
  options: {
    cwd?: string;
    stdin?: string;
    env?: Record<string, string | undefined>;
    tty?: boolean;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const writes: string[] = [];
  const io: CliIo = {
    out: (text) => {
      stdout += text;
      writes.push(text);
    },
    err: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? '',
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    exitCode: 0,
  };
  const code = await main(args, { io });
  return { code, stdout, stderr, writes };
}

export { tempTree } from './tempTree.js';

const SARIF_MULTITOOL = new URL(
  '../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool',
  import.meta.url,
).pathname;

/** Whether `sarif-multitool` is installed (it ships a native binary for linux-x64 only). */
export const sarifMultitoolPresent = existsSync(SARIF_MULTITOOL);

/** `sarif-multitool validate` with GitHub's and SARIF's rules: the `level ruleId` of each error and warning. */
export function sarifProblems(sarifFile: string, workDir: string): string[] {
  const validation = join(workDir, 'validation.sarif');
  execFileSync(
    SARIF_MULTITOOL,
    [
      'validate',
      sarifFile,
      '--output',
      validation,
      '--rule-kind',
      'Gh;Sarif',
      '--level',
      'Error;Warning',
      '--quiet',
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const results = JSON.parse(readFileSync(validation, 'utf8')).runs[0].results as {
    ruleId: string;
    level?: string;
  }[];
  return results.map((problem) => `${problem.level ?? 'warning'} ${problem.ruleId}`);
}
