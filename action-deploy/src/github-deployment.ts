import * as core from '@actions/core';
import { type EventContext, errorMessage, type Octokit } from '@shipgate/kit';

/** GitHub's deployment status states this action sets. */
export type GitHubState = 'in_progress' | 'success' | 'failure' | 'error';

/**
 * An optional GitHub Deployment mirroring the Dokploy one. Every call warns
 * instead of failing: the record is a courtesy, the deploy is the job.
 */
export class GitHubDeploymentRecord {
  private id?: number;

  constructor(
    private readonly octokit: Octokit,
    private readonly context: EventContext,
    private readonly environment: string,
  ) {}

  get deploymentId(): number | undefined {
    return this.id;
  }

  async create(description: string): Promise<void> {
    try {
      const { data } = await this.octokit.rest.repos.createDeployment({
        owner: this.context.owner,
        repo: this.context.repo,
        ref: this.context.sha || this.context.ref,
        environment: this.environment,
        auto_merge: false,
        required_contexts: [],
        description: description.slice(0, 140),
      });
      if ('id' in data) this.id = data.id;
    } catch (error) {
      core.warning(`Could not create the GitHub deployment record (needs permissions: deployments: write): ${errorMessage(error)}`);
    }
  }

  async status(state: GitHubState, details: { description: string; logUrl?: string; environmentUrl?: string }): Promise<void> {
    if (this.id === undefined) return;
    try {
      await this.octokit.rest.repos.createDeploymentStatus({
        owner: this.context.owner,
        repo: this.context.repo,
        deployment_id: this.id,
        state,
        description: details.description.slice(0, 140),
        ...(details.logUrl ? { log_url: details.logUrl } : {}),
        ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
      });
    } catch (error) {
      core.warning(`Could not set the GitHub deployment status to ${state}: ${errorMessage(error)}`);
    }
  }
}
