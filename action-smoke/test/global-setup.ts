import type { TestProject } from 'vitest/node';
import { type RealServices, startRealServices } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    services: RealServices;
  }
}

/** Starts the real monitoring stack once for every test file, and stops it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startRealServices();
  project.provide('services', services.ports);
  return () => services.stop();
}
