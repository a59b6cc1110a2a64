import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import {
  actionInputs,
  ConfigurationError,
  createOctokit,
  type InputSource,
  readEventContext,
  runAction,
  setOutputs,
  writeJobSummary,
} from '@shipgate/kit';
import { DokployClient } from './dokploy.js';
import { type Clock, deployAndFollow, realClock } from './follow.js';
import { GitHubDeploymentRecord } from './github-deployment.js';
import { type DeploySettings, getInputs } from './inputs.js';
import { Output } from './names.js';
import { type DeployReport, failed, renderReport, seconds } from './report.js';
import { makeMarker } from './tracker.js';

/** The edges of the action, replaceable in tests. */
export interface DeployDeps {
  inputs: InputSource;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

/** The action: settings, one deploy followed to its end, one report, one verdict. */
export async function run(deps: Partial<DeployDeps> = {}): Promise<void> {
  const all: DeployDeps = { inputs: actionInputs, env: process.env, clock: realClock, ...deps };
  await runAction(async () => {
    try {
      await deploy(all);
    } catch (error) {
      if (error instanceof ConfigurationError) {
        await writeJobSummary(`### ❌ action-deploy: not run\n\nNothing was deployed:\n\n> ${error.message}\n`, all.env);
        setOutputs({ [Output.Status]: '' });
      }
      throw error;
    }
  });
}

async function deploy(deps: DeployDeps): Promise<void> {
  const settings = getInputs(deps.inputs);
  const startedAt = deps.clock.now();
  const context = await readEventContext(deps.env);
  // Every request stops when the step's time is up; the follow loop ends at the same moment.
  const client = new DokployClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    signal: AbortSignal.timeout(settings.timeoutSeconds * 1000),
  });
  const { target } = settings;

  const { pageUrl, server } = await core.group(`Check ${target.kind} ${target.id}`, async () => {
    const found = await client.target(target.kind, target.id);
    const version = await client.version();
    core.info(`Found ${target.kind} ${target.id} on Dokploy ${version ?? '(version not reported)'}.`);
    return { pageUrl: found.pageUrl, server: version };
  });

  const marker = makeMarker(deps.env.GITHUB_RUN_ID, deps.env.GITHUB_RUN_ATTEMPT, randomBytes(4).toString('hex'));
  const { title, description } = describeRun(settings, deps.env, context.runUrl, marker);
  const record = settings.github.deployment
    ? new GitHubDeploymentRecord(await createOctokit(settings.github.token), context, settings.github.environment)
    : undefined;
  await record?.create(`${settings.mode} of ${target.kind} ${target.id} through Dokploy`);
  await record?.status('in_progress', { description: `Dokploy ${settings.mode} in progress`, logUrl: context.runUrl });

  const result = await core.group(`${settings.mode === 'deploy' ? 'Deploy' : 'Redeploy'} and ${settings.wait ? 'follow' : 'queue'}`, () =>
    deployAndFollow({
      client,
      target,
      mode: settings.mode,
      title,
      description,
      marker,
      wait: settings.wait,
      timeoutMs: settings.timeoutSeconds * 1000,
      startedAt,
      pollMs: settings.pollSeconds * 1000,
      logLines: settings.logLines,
      clock: deps.clock,
    }),
  );
  if (result.logTail) {
    core.startGroup(`Last ${settings.logLines} lines of the deployment log`);
    core.info(result.logTail);
    core.endGroup();
  }

  const report: DeployReport = { ...result, target, mode: settings.mode, server, pageUrl };
  if (record && result.outcome !== 'queued') {
    await record.status(failed(result.outcome) ? 'failure' : 'success', {
      description: result.message,
      logUrl: pageUrl ?? context.runUrl,
      environmentUrl: settings.github.environmentUrl || undefined,
    });
  }
  setOutputs({
    [Output.DeploymentId]: result.deploymentId ?? '',
    [Output.Status]: result.outcome,
    [Output.Duration]: seconds(result.durationMs),
    [Output.LogUrl]: pageUrl ?? '',
    [Output.GitHubDeploymentId]: record?.deploymentId ?? '',
  });
  await writeJobSummary(renderReport(report, { runUrl: context.runUrl }), deps.env);
  for (const note of result.notes) core.notice(note);
  if (failed(result.outcome)) throw new Error(`action-deploy: ${result.message}`);
  if (result.outcome === 'queued') core.notice(`action-deploy: ${result.message}`);
  else core.info(`action-deploy: ${result.message} in ${seconds(result.durationMs)} s.`);
}

/**
 * The title and description Dokploy shows: the user's, or made from the run;
 * the description always ends with this run's marker, which is how the
 * action tells its deployment from any other.
 */
export function describeRun(
  settings: Pick<DeploySettings, 'title' | 'description'>,
  env: NodeJS.ProcessEnv,
  runUrl: string | undefined,
  marker: string,
) {
  const sha = (env.GITHUB_SHA ?? '').slice(0, 7);
  const title =
    settings.title ||
    [env.GITHUB_WORKFLOW || 'shipgate deploy', env.GITHUB_RUN_NUMBER ? `#${env.GITHUB_RUN_NUMBER}` : '', sha].filter(Boolean).join(' ');
  const description = [settings.description || runUrl || '', `[${marker}]`].filter(Boolean).join(' ');
  return { title, description };
}
