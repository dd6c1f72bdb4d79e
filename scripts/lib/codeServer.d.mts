// Types for codeServer.mjs, so the TypeScript E2E tier and the bench share the harness instead of copying it.
import type { ChildProcess } from 'node:child_process';

export const repoRoot: string;
export const CODE_SERVER_VERSION: string;
export const CHROMIUM_PATH: string;
export const chromiumArgs: string[];
export interface Profile { dir: string; userDataDir: string; extensionsDir: string }
export function ensureCodeServer(): { codeServerBin: string; nodeBin: string };
export function freePort(): Promise<number>;
export function makeProfile(name: string, options?: { userSettings?: Record<string, unknown> }): Profile;
export function installVsix(vsixPath: string, profile: Profile): void;
export interface RunningServer { child: ChildProcess; url: string; port: number; stop(): void }
export function startCodeServer(profile: Profile, workspace: string, options?: { port?: number; logFile?: string; stdio?: unknown; extraArgs?: readonly string[] }): Promise<RunningServer>;
