export { COMMENT_LIMIT, commentMarker, type StickyCommentResult, upsertStickyComment } from './comment.js';
export { ConfigurationError, errorMessage } from './errors.js';
export { createOctokit, type EventContext, type Octokit, readEventContext } from './github.js';
export {
  backoffDelay,
  classifyNetworkError,
  describeNetworkError,
  HttpError,
  isTransientStatus,
  type NetworkFailure,
  type RequestOptions,
  redactUrl,
  request,
  sleep,
} from './http.js';
export { actionInputs, type InputSource, Inputs, recordInputs, splitArgs } from './inputs.js';
export { cell, code, details, table, truncateMarkdown } from './markdown.js';
export { runnerTemp, setOutputs, writeFileAtomic } from './outputs.js';
export { maskSecret, runAction } from './run.js';
export { SUMMARY_LIMIT, writeJobSummary } from './summary.js';
