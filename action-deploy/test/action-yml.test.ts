import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDefaults, describeActionMetadata } from '@shipgate/kit/testing';
import { expect, it } from 'vitest';
import { Input, Output } from '../src/names.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describeActionMetadata(actionDir, { Input, Output, booleans: [Input.Wait, Input.GitHubDeployment] });

it('takes the token from the run by default and requires nothing it cannot check', async () => {
  expect((await actionDefaults(actionDir, 'tok'))['github-token']).toBe('tok');
});
