/**
 * Runs the CLI in-process against files in a temporary directory, collecting what it writes.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { runCli } from "../../lib/cli/main.ts";

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh temporary directory, removed after the test file's tests. */
export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), `car-${prefix}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Writes `files` (relative path → text) under `directory`, creating folders. */
export function writeFiles(directory: string, files: Readonly<Record<string, string>>): void {
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(directory, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

export async function run(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runWithStdin(cwd, undefined, ...argv);
}

/** {@link run} with `text` on standard input (undefined: no standard input to read). */
export async function runWithStdin(cwd: string, text: string | undefined, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, {
    ...(text === undefined ? {} : { readStdin: async () => text }),
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}
