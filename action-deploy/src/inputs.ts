import { actionInputs, ConfigurationError, type InputSource, Inputs, maskSecret } from '@shipgate/kit';
import { Input, type Mode, type TargetKind } from './names.js';

/** Everything action-deploy is told to do, read and checked once. */
export interface DeploySettings {
  /** Dokploy's base URL, without a trailing `/` or `/api`. */
  baseUrl: string;
  /** Sent as `x-api-key`; masked before anything is printed. */
  apiKey: string;
  target: { kind: TargetKind; id: string };
  mode: Mode;
  /** User-given title and description; empty means "made from the run". */
  title: string;
  description: string;
  wait: boolean;
  /** Seconds for the whole wait: appearing, building, finishing. */
  timeoutSeconds: number;
  /** Seconds between polls while waiting. */
  pollSeconds: number;
  /** Lines of the deployment log to show when it fails. */
  logLines: number;
  github: { deployment: boolean; environment: string; environmentUrl: string; token: string };
}

/** Reads and validates every input; throws ConfigurationError naming the first bad one, before any request. */
export function getInputs(source: InputSource = actionInputs): DeploySettings {
  const inputs = new Inputs(source);
  // Masked first: nothing below may print it, not even by mistake.
  const apiKey = inputs.string(Input.ApiKey);
  maskSecret(apiKey);
  const token = inputs.string(Input.GitHubToken);
  maskSecret(token);

  const rawUrl = inputs.required(Input.DokployUrl);
  if (!apiKey)
    throw new ConfigurationError(
      `${Input.ApiKey} is required but was empty (make one in Dokploy under Settings → Profile → API/CLI keys, and pass it from a secret)`,
    );
  const url = inputs.url(Input.DokployUrl) as URL;
  if (url.username || url.password)
    throw new ConfigurationError(`${Input.DokployUrl} must not carry credentials: pass the key as ${Input.ApiKey}`);
  const baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/api$/, '');
  if (rawUrl.includes('?'))
    throw new ConfigurationError(`${Input.DokployUrl} must be the server's base URL without a query, got "${url.origin}${url.pathname}?…"`);

  const applicationId = inputs.string(Input.ApplicationId);
  const composeId = inputs.string(Input.ComposeId);
  if (applicationId && composeId) {
    throw new ConfigurationError(`${Input.ApplicationId} and ${Input.ComposeId} are both set: give exactly one of them`);
  }
  if (!applicationId && !composeId)
    throw new ConfigurationError(`${Input.ApplicationId} or ${Input.ComposeId} is required: give exactly one of them`);
  const target = applicationId ? { kind: 'application' as const, id: applicationId } : { kind: 'compose' as const, id: composeId };
  if (!/^[\w-]{1,128}$/.test(target.id)) {
    const name = applicationId ? Input.ApplicationId : Input.ComposeId;
    throw new ConfigurationError(`${name} must be a Dokploy id (letters, digits, - and _), got "${target.id}"`);
  }

  const github = {
    deployment: inputs.boolean(Input.GitHubDeployment, false),
    environment: inputs.string(Input.Environment),
    environmentUrl: inputs.string(Input.EnvironmentUrl),
    token,
  };
  if (github.environmentUrl) inputs.url(Input.EnvironmentUrl);
  if (github.deployment && !github.environment) {
    throw new ConfigurationError(
      `${Input.Environment} is required when ${Input.GitHubDeployment} is true (the GitHub environment to record the deployment in)`,
    );
  }

  return {
    baseUrl,
    apiKey,
    target,
    mode: inputs.choice(Input.Mode, ['deploy', 'redeploy'], 'deploy'),
    title: inputs.string(Input.Title),
    description: inputs.string(Input.Description),
    wait: inputs.boolean(Input.Wait, true),
    timeoutSeconds: inputs.number(Input.Timeout, { positive: true, max: 6 * 3600 }) ?? 900,
    pollSeconds: inputs.number(Input.PollInterval, { positive: true, max: 600 }) ?? 5,
    logLines: inputs.number(Input.LogLines, { min: 0, max: 5000, integer: true }) ?? 60,
    github,
  };
}
