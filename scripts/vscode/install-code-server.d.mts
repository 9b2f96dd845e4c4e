// Types for install-code-server.mjs, so TypeScript tests and scripts can share it.
export const CODE_SERVER_VERSION: string;
export const APT_PACKAGES: string[];
export const installRoot: string;
export const codeServerBin: string;
export function ensureAptPackages(log?: (msg: string) => void): Promise<void>;
export function ensureCodeServer(options?: { log?: (msg: string) => void }): Promise<{ bin: string; root: string }>;
