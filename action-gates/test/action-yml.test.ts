import { actionDefaults, describeActionMetadata } from '@shipgate/kit/testing';
import { expect, it } from 'vitest';
import { Input, Output } from '../src/names.js';
import { actionDir } from './fixtures.js';

describeActionMetadata(actionDir, { Input, Output, booleans: [Input.Biome, Input.Vitest, Input.Comment] });

it('takes the token from the run by default', async () => {
  expect((await actionDefaults(actionDir, 'tok'))['github-token']).toBe('tok');
});
