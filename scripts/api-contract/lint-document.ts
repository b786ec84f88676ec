/**
 * Lints an OpenAPI document with Redocly CLI, its recommended rules and our ignore file
 * (docs/api/lint/), offline: no telemetry, no update check, no remote configuration.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LINT_CONFIG_DIR } from './contract-files.ts';
import type { OpenApiDocument } from './openapi-document.ts';

const REDOCLY = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'redocly');

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

export interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

export async function lintDocument(document: OpenApiDocument): Promise<LintReport> {
  // The ignore file names the document `openapi.json` beside it: lint a copy in a folder laid out so.
  const folder = await mkdtemp(join(tmpdir(), 'doanthe-lint-'));
  try {
    await cp(LINT_CONFIG_DIR, folder, { recursive: true });
    await writeFile(join(folder, 'openapi.json'), JSON.stringify(document));
    const { stdout } = await promisify(execFile)(REDOCLY, ['lint', 'openapi.json', '--format', 'json'], {
      cwd: folder,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }));
    return JSON.parse(stdout) as LintReport;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
