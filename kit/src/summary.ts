import { appendFile } from 'node:fs/promises';
import { truncateMarkdown } from './markdown.js';

/** GitHub refuses a step summary over 1 MiB; stay well inside it. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;

/**
 * Appends markdown to the job summary once, cut to the size limit. Outside a
 * runner (no GITHUB_STEP_SUMMARY) it does nothing and says so by returning false.
 */
export async function writeJobSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  // The limit is in bytes; a UTF-16 unit can take up to 3 bytes.
  let text = truncateMarkdown(markdown, SUMMARY_LIMIT);
  while (Buffer.byteLength(text) > SUMMARY_LIMIT) text = truncateMarkdown(text, Math.floor(text.length * 0.9));
  await appendFile(file, `${text}\n`, 'utf8');
  return true;
}
