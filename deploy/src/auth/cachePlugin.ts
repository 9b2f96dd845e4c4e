// Where msal's token cache lives between runs. The cache holds refresh tokens, so it belongs in a
// secret store (VS Code SecretStorage), never in a plain file or globalState. The CLI keeps it in
// memory only.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';

/** The small part of a secret store the plugin needs (VS Code's SecretStorage fits it). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export const DEFAULT_CACHE_KEY = 'accessPolicy.msalCache';

export function secretStoreCachePlugin(store: SecretStore, key: string = DEFAULT_CACHE_KEY): ICachePlugin {
  return {
    async beforeCacheAccess(ctx: TokenCacheContext) {
      const blob = await store.get(key);
      if (blob) {
        try {
          ctx.tokenCache.deserialize(blob);
        } catch {
          // A corrupt blob must not block sign-in: drop it and start with an empty cache.
          await store.delete(key);
        }
      }
    },
    async afterCacheAccess(ctx: TokenCacheContext) {
      if (ctx.cacheHasChanged) await store.store(key, ctx.tokenCache.serialize());
    },
  };
}

/** A SecretStore in process memory (CLI, tests). Nothing is written to disk. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
  /** For leak scans in tests. */
  dump(): string[] {
    return [...this.values.values()];
  }
}
