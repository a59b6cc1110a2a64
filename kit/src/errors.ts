/**
 * A mistake in how the action was configured (an input, a missing file, a tool
 * that is not installed). Reported as a plain message without a stack trace,
 * so a user's error reads differently from a bug in the action.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Message of any thrown value, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
