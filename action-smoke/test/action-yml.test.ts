import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeActionMetadata } from '@shipgate/kit/testing';
import { expect, it } from 'vitest';
import { Input, Output, PRODUCTS } from '../src/names.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describeActionMetadata(actionDir, { Input, Output, booleans: [] });

it('documents every product with its default port in action.yml', async () => {
  const { readFileSync } = await import('node:fs');
  const yml = readFileSync(path.join(actionDir, 'action.yml'), 'utf8');
  for (const [product, { port }] of Object.entries(PRODUCTS)) expect(yml).toContain(`${product} (${port})`);
});
