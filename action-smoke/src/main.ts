import path from 'node:path';
import * as core from '@actions/core';
import {
  actionInputs,
  ConfigurationError,
  type InputSource,
  readEventContext,
  runAction,
  runnerTemp,
  setOutputs,
  writeFileAtomic,
  writeJobSummary,
} from '@shipgate/kit';
import { buildChecks } from './checks.js';
import { getInputs } from './inputs.js';
import { ACTION_ID, Output } from './names.js';
import { failedNames, failureMessage, renderReport } from './report.js';
import { type Clock, realClock, runChecks } from './scheduler.js';

/** The edges of the action, replaceable in tests. */
export interface SmokeDeps {
  inputs: InputSource;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

/** The action: settings, every check side by side until the deadline, one report, one verdict. */
export async function run(deps: Partial<SmokeDeps> = {}): Promise<void> {
  const all: SmokeDeps = { inputs: actionInputs, env: process.env, clock: realClock, ...deps };
  await runAction(async () => {
    try {
      await smoke(all);
    } catch (error) {
      if (error instanceof ConfigurationError)
        await writeJobSummary(`### ❌ action-smoke: not run\n\nNo check ran:\n\n> ${error.message}\n`, all.env);
      throw error;
    }
  });
}

async function smoke(deps: SmokeDeps): Promise<void> {
  const settings = await getInputs(deps.inputs);
  const context = await readEventContext(deps.env);
  const checks = buildChecks(settings);
  const started = deps.clock.now();
  const results = await core.group(`${checks.length} checks, until ${settings.timeoutMs / 1000} s have passed`, () =>
    runChecks(checks, { timeoutMs: settings.timeoutMs, intervalMs: settings.intervalMs, clock: deps.clock }),
  );
  const elapsedMs = deps.clock.now() - started;

  const slug = settings.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const reportPath = path.join(runnerTemp(deps.env), `shipgate-${ACTION_ID}${slug ? `-${slug}` : ''}`, 'report.json');
  const failed = failedNames(results);
  await writeFileAtomic(reportPath, `${JSON.stringify({ passed: failed.length === 0, failed, elapsedMs, checks: results }, null, 2)}\n`);
  setOutputs({ [Output.Passed]: failed.length === 0, [Output.Failed]: failed.join(','), [Output.Report]: reportPath });
  await writeJobSummary(renderReport(results, { name: settings.name, elapsedMs, runUrl: context.runUrl }), deps.env);
  for (const result of results) if (result.warning) core.warning(result.warning);
  if (failed.length > 0) throw new Error(`${ACTION_ID}: ${failed.length} of ${results.length} checks failed: ${failureMessage(results)}`);
  core.info(`${ACTION_ID}: all ${results.length} checks passed in ${(elapsedMs / 1000).toFixed(1)} s.`);
}
