import { installToolchain } from './fixtures.js';

/** Installs the fixture projects' real Biome and Vitest once before any test runs. */
export default function setup(): void {
  installToolchain();
}
