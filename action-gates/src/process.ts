import * as exec from '@actions/exec';

export interface ProcessResult {
  exitCode: number;
  /** stdout and stderr as text, for messages when the tool fails before reporting. */
  stdout: string;
  stderr: string;
}

/** Runs a command, streaming its output to the log; injected so tests can replace it. */
export type ProcessRunner = (
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; silent?: boolean },
) => Promise<ProcessResult>;

export const runProcess: ProcessRunner = async (command, args, options) => {
  const env = options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined;
  const result = await exec.getExecOutput(command, args, {
    cwd: options.cwd,
    env,
    ignoreReturnCode: true,
    silent: options.silent ?? false,
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

/** The last `count` non-empty lines of a tool's output, without colour codes. */
export function outputTail(text: string, count = 15): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters by definition.
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]|\u001b\]8;;[^\u0007\u001b]*(\u0007|\u001b\\)/g, '');
  return plain
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^[━─\s]+$/.test(line))
    .slice(-count)
    .join('\n');
}
