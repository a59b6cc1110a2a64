import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMENT_LIMIT, commentMarker, upsertStickyComment } from './comment.js';
import { createOctokit } from './github.js';
import { type GitHubStandIn, startGitHubStandIn } from './testing/github-stand-in.js';

let api: GitHubStandIn;
beforeEach(async () => {
  api = await startGitHubStandIn({ token: 'test-token' });
  vi.stubEnv('GITHUB_API_URL', api.url);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await api.close();
});

const upsert = async (body: string, marker = commentMarker('action-x'), token = 'test-token') =>
  upsertStickyComment({ octokit: await createOctokit(token, { retries: 0 }), owner: 'o', repo: 'r', issueNumber: 1, marker, body });

describe('sticky comment', () => {
  it('makes one marker per action and name, safe inside an HTML comment', () => {
    expect(commentMarker('action-gates')).toBe('<!-- shipgate:action-gates -->');
    expect(commentMarker('action-gates', ' api ')).toBe('<!-- shipgate:action-gates:api -->');
    expect(commentMarker('action-gates', 'a-->b<')).toBe('<!-- shipgate:action-gates:a-b -->');
  });

  it('creates once, then updates the same comment found on a later page', async () => {
    const first = await upsert('one');
    expect(first.status).toBe('created');
    api.seedComments(
      1,
      Array.from({ length: 250 }, (_, i) => `noise ${i}`),
    );
    // Another action's comment is not ours.
    api.seedComments(1, [`${commentMarker('action-x', 'other')}\nnot mine`]);
    const second = await upsert('two');
    expect(second.status).toBe('updated');
    const ours = api.comments.get(1)?.filter((c) => c.body.includes(commentMarker('action-x'))) ?? [];
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toBe(`${commentMarker('action-x')}\ntwo`);
    expect(api.comments.get(1)).toHaveLength(252);
  });

  it('finds a comment that only sits on page 3', async () => {
    api.seedComments(
      1,
      Array.from({ length: 230 }, (_, i) => `noise ${i}`),
    );
    api.seedComments(1, [`${commentMarker('action-x')}\nold`]);
    expect((await upsert('new')).status).toBe('updated');
    expect(api.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.path, api.url).searchParams.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
  });

  it('cuts a body over GitHub limit so that GitHub accepts it', async () => {
    const huge = `${'row\n'.repeat(20_000)}end`;
    const result = await upsert(huge);
    expect(result.status).toBe('created');
    const stored = api.comments.get(1)?.[0]?.body ?? '';
    expect(stored.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(stored).toContain('cut to fit the size limit');
  });

  it('warns instead of failing on a read-only token', async () => {
    api.readOnly = true;
    const warn = vi.spyOn(process.stdout, 'write');
    const result = await upsert('body');
    expect(result.status).toBe('forbidden');
    expect(warn.mock.calls.map((c) => String(c[0])).join('')).toMatch(
      /::warning::Could not write the pull request comment: the token is read-only/,
    );
  });

  it('warns on any other failure too, such as bad credentials', async () => {
    const result = await upsert('body', commentMarker('action-x'), 'wrong');
    expect(result.status).toBe('failed');
  });
});
