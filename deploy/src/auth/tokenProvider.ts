// The one interface the Graph client and the deploy commands use to get an access token. Every
// sign-in method (browser, device code, client secret, certificate) implements it.

export interface SignedInAccount {
  /** UPN / preferred_username for delegated sign-in; absent for app-only. */
  username?: string;
  tenantId: string;
  homeAccountId?: string;
}

export interface AccessToken {
  /** The bearer token. Never log it or put it in an error message. */
  token: string;
  expiresOn: Date;
  account: SignedInAccount;
}

export interface TokenProvider {
  /**
   * Returns a valid Graph access token, from cache when possible. `forceRefresh` skips the cached
   * access token (use after Graph answered 401). `signal` cancels an interactive sign-in.
   */
  getToken(options?: { signal?: AbortSignal; forceRefresh?: boolean }): Promise<AccessToken>;
  /**
   * Asks for these Graph permissions too, from now on (short names, e.g. `GroupMember.Read.All`),
   * and gets a token with them at once: a delegated sign-in adds them to its scopes (incremental
   * consent: msal redeems the refresh token for them, and asks the user only when that fails). A
   * refusal is a SignInError naming the permissions. App-only methods have no such method: their
   * `.default` token holds the app roles an admin granted.
   */
  requestPermissions?(permissions: readonly string[], options?: { signal?: AbortSignal }): Promise<void>;
  /** Forgets cached accounts and tokens for this provider. */
  signOut?(): Promise<void>;
  /**
   * What this sign-in method adds to Graph's 403 explanation (who lacks what, and how to grant it),
   * when it knows something the generic explanation cannot.
   */
  forbiddenAdvice?(): string | undefined;
}
