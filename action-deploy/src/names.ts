/** Input names, as action.yml declares them. A rename is a breaking change. */
export const Input = {
  DokployUrl: 'dokploy-url',
  ApiKey: 'api-key',
  ApplicationId: 'application-id',
  ComposeId: 'compose-id',
  Mode: 'mode',
  Title: 'title',
  Description: 'description',
  Wait: 'wait',
  Timeout: 'timeout',
  PollInterval: 'poll-interval',
  LogLines: 'log-lines',
  GitHubDeployment: 'github-deployment',
  Environment: 'environment',
  EnvironmentUrl: 'environment-url',
  GitHubToken: 'github-token',
} as const;

/** Output names, as action.yml declares them. */
export const Output = {
  DeploymentId: 'deployment-id',
  Status: 'status',
  Duration: 'duration',
  LogUrl: 'log-url',
  GitHubDeploymentId: 'github-deployment-id',
} as const;

export const ACTION_ID = 'action-deploy';

/** Where the deployment goes: a Dokploy application or a compose stack. */
export type TargetKind = 'application' | 'compose';
export type Mode = 'deploy' | 'redeploy';

/** How a run ends. `queued` only when the action was told not to wait. */
export type Outcome = 'done' | 'error' | 'cancelled' | 'timeout' | 'queued';
