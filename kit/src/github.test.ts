import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventContext } from './github.js';

const eventFile = (payload: unknown) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
};

describe('readEventContext', () => {
  it('reads a pull request', async () => {
    const context = await readEventContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile({
        pull_request: { number: 12, base: { sha: 'b1', ref: 'main' }, head: { sha: 'h1' } },
        repository: { default_branch: 'main' },
      }),
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: 's',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '99',
    });
    expect(context).toEqual({
      eventName: 'pull_request',
      owner: 'octo',
      repo: 'app',
      sha: 's',
      ref: 'refs/pull/12/merge',
      pullRequest: { number: 12, baseSha: 'b1', headSha: 'h1', baseRef: 'main' },
      defaultBranch: 'main',
      runUrl: 'https://github.com/octo/app/actions/runs/99',
    });
  });

  it('has no pull request on a push, and survives a missing or broken payload', async () => {
    const push = await readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventFile({ pull_request: { number: 1 } }) });
    expect(push.pullRequest).toBeUndefined();
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'event-')), 'e.json');
    writeFileSync(broken, '{');
    expect((await readEventContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: broken })).owner).toBe('');
    expect((await readEventContext({})).eventName).toBe('');
  });
});
