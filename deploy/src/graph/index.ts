export {
  GraphClient,
  defaultSleep,
  type GraphClientOptions,
  type GraphLogger,
  type GraphMethod,
  type GraphRequestLogEntry,
  type GraphResponse,
} from './graphClient';
export { GraphError, type GraphFailureKind } from './graphError';
export { explainGraphError, propertyNamesIn, type ExplainContext, type GraphExplanation } from './explain';
export { parseRetryAfter, backoffDelay } from './retryAfter';
export { formatRequestLog } from './requestLog';
