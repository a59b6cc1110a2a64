import * as core from '@actions/core';
import { ConfigurationError, errorMessage } from './errors.js';

/**
 * The single error funnel every action's entry point goes through: whatever
 * `main` throws becomes exactly one `setFailed`. A user's mistake shows only
 * its message; a bug also shows its stack, but only under RUNNER_DEBUG.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof ConfigurationError) && error instanceof Error && error.stack && core.isDebug()) {
      core.debug(error.stack);
    }
    core.setFailed(errorMessage(error));
  }
}

/**
 * Registers a secret with the runner so that it is replaced by `***` in every
 * later log line. Also masks each line of a multi-line value, because the
 * runner matches masks line by line.
 */
export function maskSecret(value: string | undefined): void {
  if (!value) return;
  core.setSecret(value);
  const lines = value.split(/\r?\n/).filter((line) => line.trim().length >= 4);
  if (lines.length > 1) for (const line of lines) core.setSecret(line);
}
