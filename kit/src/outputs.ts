import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';

/** Sets every output of a record; numbers and booleans as their plain text. */
export function setOutputs(outputs: Record<string, string | number | boolean | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    core.setOutput(name, value === undefined ? '' : String(value));
  }
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a
 * reader never sees half a file and a failed write leaves the old one intact.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}

/** The folder for an action's files of this run: RUNNER_TEMP, else the OS temp folder. */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || (process.platform === 'win32' ? env.TEMP || 'C:\\Temp' : '/tmp');
}
