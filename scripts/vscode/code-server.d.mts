// Types for code-server.mjs, so the TypeScript user tests can share it.
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];
export function freePort(): Promise<number>;
export function writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): string;
export function tailOf(file: string, chars?: number): string;
export interface RunningCodeServer {
  port: number;
  origin: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}
export function startCodeServer(options: {
  bin: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  env?: Record<string, string>;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<RunningCodeServer>;
export function workbenchUrl(
  origin: string,
  folder: string,
  launch?: { extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string;
export function launchChromium(): Promise<Browser>;
export function blockNonLoopback(page: import('playwright-core').Page): Promise<string[]>;
