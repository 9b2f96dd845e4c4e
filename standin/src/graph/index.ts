export { createGraphHandler, type GraphHandler, type GraphHandlerOptions, type BearerVerifier } from './handler';
export { createControlHandler } from './control';
export { GraphState, type StoredPolicy, type PolicyApiVersion, type RequestLogEntry } from './state';
export type {
  FaultSettings,
  ThrottleFault,
  FailureFault,
  FailAfterCommitFault,
  ConflictFault,
  ReplicationLagFault,
  EmptyListFault,
  RedirectFault,
} from './faults';
