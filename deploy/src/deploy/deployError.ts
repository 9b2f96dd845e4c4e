// Why a deploy did not happen, in terms the author can act on. `refused` and `invalid` mean nothing
// was sent to change the tenant; `graph` carries Graph's explanation and, when the message named a
// property, where it is in the file.
import type { PolicyDiagnostic } from '../../../core/src';
import type { GraphExplanation } from '../graph/explain';
import type { FileLocation } from './locate';

export type DeployErrorKind = 'invalid' | 'refused' | 'graph' | 'cancelled' | 'unconfirmed';

export class DeployError extends Error {
  constructor(
    readonly kind: DeployErrorKind,
    message: string,
    readonly details: {
      diagnostics?: PolicyDiagnostic[];
      explanation?: GraphExplanation;
      location?: FileLocation;
      /** Policies involved (ambiguity, adoption). */
      policyIds?: string[];
    } = {},
  ) {
    super(message);
    this.name = 'DeployError';
  }
}
