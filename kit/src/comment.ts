import * as core from '@actions/core';
import { errorMessage } from './errors.js';
import type { Octokit } from './github.js';
import { truncateMarkdown } from './markdown.js';

/** GitHub rejects an issue comment body longer than this (characters). */
export const COMMENT_LIMIT = 65_536;

/**
 * The hidden marker that identifies one action's sticky comment. A `name`
 * keeps two uses of the same action on one pull request apart.
 */
export function commentMarker(action: string, name = ''): string {
  const safe = (text: string) => text.replace(/--+/g, '-').replace(/[<>]/g, '').trim();
  const id = name.trim() ? `${safe(action)}:${safe(name)}` : safe(action);
  return `<!-- shipgate:${id} -->`;
}

export interface StickyCommentRequest {
  octokit: Octokit;
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
  body: string;
}

export type StickyCommentResult =
  | { status: 'created' | 'updated'; id: number; url?: string }
  | { status: 'forbidden' | 'failed'; reason: string };

/**
 * Creates or updates the one comment carrying `marker`, looking through every
 * page of the pull request's comments. Never throws: a read-only token (a
 * pull request from a fork) or any other failure becomes a warning, because
 * a comment is a courtesy and must not fail a gate.
 */
export async function upsertStickyComment(req: StickyCommentRequest): Promise<StickyCommentResult> {
  const { octokit, owner, repo, issueNumber, marker } = req;
  const body = `${marker}\n${truncateMarkdown(req.body, COMMENT_LIMIT - marker.length - 1)}`;
  try {
    let existing: number | undefined;
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    outer: for await (const page of pages) {
      for (const comment of page.data) {
        if (comment.body?.includes(marker)) {
          existing = comment.id;
          break outer;
        }
      }
    }
    if (existing !== undefined) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const reason = errorMessage(error);
    if (status === 403) {
      core.warning(
        `Could not write the pull request comment: the token is read-only (as on a pull request from a fork): ${reason}. The job summary has the same report.`,
      );
      return { status: 'forbidden', reason };
    }
    core.warning(`Could not write the pull request comment: ${reason}. The job summary has the same report.`);
    return { status: 'failed', reason };
  }
}
