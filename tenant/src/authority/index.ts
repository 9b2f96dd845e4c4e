// The sign-in half of the local tenant stand-in (see ./handler.ts for the endpoints).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenStore } from '../tokens';

export interface AuthorityOptions {
  tenantId: string;
  tenantDisplayName: string;
  tokens: TokenStore;
  clients: { clientId: string; secret?: string; certificateThumbprint?: string }[];
  users: { username: string; objectId: string }[];
}

export type AuthorityHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function createAuthorityHandler(options: AuthorityOptions): AuthorityHandler {
  void options;
  return async () => false; // filled in by the full implementation
}
