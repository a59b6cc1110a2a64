export { describeActionMetadata } from './action-yml.js';
export {
  type GitHubStandIn,
  type PullFile,
  type StoredComment,
  type StoredDeployment,
  startGitHubStandIn,
} from './github-stand-in.js';
export {
  type Annotation,
  actionDefaults,
  type BundleRun,
  inputVariable,
  parseAnnotations,
  parseFileCommand,
  pullRequestEvent,
  pushEvent,
  type RunBundleOptions,
  runBundle,
  visibleLog,
} from './runner.js';
