import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeActionMetadata } from '@shipgate/kit/testing';
import { Input, Output } from '../src/names.js';

describeActionMetadata(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), { Input, Output, booleans: [Input.Comment] });
