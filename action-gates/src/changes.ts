import * as core from '@actions/core';
import { errorMessage, type Octokit } from '@shipgate/kit';
import { addedLines, addedLinesByFile } from './diff.js';
import type { ProcessRunner } from './process.js';

export interface ChangedLines {
  /** Added lines per file, keyed by path relative to the repository root. */
  lines: Map<string, Set<number>>;
  /** Every file the pull request touches (for ordering annotations). */
  files: Set<string>;
  /** Where the lines came from. */
  source: 'github' | 'git';
}

/**
 * The pull request's added lines: from GitHub's list of the PR's files, or,
 * when the API cannot be used, from `git diff` between the base and head
 * commits in the checkout. Undefined when neither works (said as a warning).
 */
export async function changedLines(options: {
  octokit?: Octokit;
  owner: string;
  repo: string;
  pullNumber: number;
  baseSha?: string;
  headSha?: string;
  repoRoot: string;
  exec: ProcessRunner;
}): Promise<ChangedLines | undefined> {
  if (options.octokit) {
    try {
      const files = await options.octokit.paginate(options.octokit.rest.pulls.listFiles, {
        owner: options.owner,
        repo: options.repo,
        pull_number: options.pullNumber,
        per_page: 100,
      });
      const lines = new Map<string, Set<number>>();
      const all = new Set<string>();
      let withoutPatch = 0;
      for (const file of files) {
        if (file.status === 'removed') continue;
        all.add(file.filename);
        if (file.patch === undefined) withoutPatch++;
        else lines.set(file.filename, addedLines(file.patch));
      }
      if (withoutPatch === 0) return { lines, files: all, source: 'github' };
      core.info(`${withoutPatch} changed file(s) came without a diff from GitHub (too large); reading the diff from git instead.`);
    } catch (error) {
      core.info(`Could not list the pull request's files through the API (${errorMessage(error)}); reading the diff from git instead.`);
    }
  }
  if (options.baseSha && options.headSha) {
    const result = await options
      .exec('git', ['diff', '--no-color', '--no-ext-diff', '-U0', `${options.baseSha}...${options.headSha}`], {
        cwd: options.repoRoot,
        silent: true,
      })
      .catch((error: unknown) => ({ exitCode: 1, stdout: '', stderr: errorMessage(error) }));
    if (result.exitCode === 0) {
      const lines = addedLinesByFile(result.stdout);
      return { lines, files: new Set(lines.keys()), source: 'git' };
    }
    core.warning(
      `Patch coverage is not available: git could not diff ${options.baseSha.slice(0, 7)}...${options.headSha.slice(0, 7)} (a shallow checkout? use fetch-depth: 0).`,
    );
    return undefined;
  }
  core.warning("Patch coverage is not available: neither the GitHub API nor the event payload gave the pull request's changes.");
  return undefined;
}
