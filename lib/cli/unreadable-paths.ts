/**
 * Symbolic links under the searched directories that lead nowhere (dangling) or in a circle
 * (looping). ESLint aborts the whole run on the first one it meets; the lint command instead
 * leaves them out of ESLint's search and reports each as one unreadable path (never a silent
 * pass), so the rest of the tree is still linted.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { ESLint } from "eslint";
import { describeFileError } from "./args.ts";

/** Directories ESLint never searches (its default ignores); their links are no concern. */
const NEVER_SEARCHED = new Set(["node_modules", ".git"]);

export interface UnreadablePath {
  /** Absolute path of the link. */
  readonly path: string;
  readonly reason: string;
}

function describeLinkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "a symbolic link to nothing (dangling)";
  if (code === "ELOOP") return "a symbolic link that leads back to itself (looping)";
  return describeFileError(error);
}

/** The broken links under each of `paths` that is a directory (followed through working links, each real directory once). */
export async function findUnreadablePaths(paths: readonly string[], cwd: string): Promise<UnreadablePath[]> {
  const unreadable: UnreadablePath[] = [];
  const visited = new Set<string>();
  const walk = async (directory: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(directory);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      return; // ESLint reports a directory it cannot read itself.
    }
    for (const entry of entries) {
      if (NEVER_SEARCHED.has(entry.name)) continue;
      const entryPath = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        await walk(entryPath);
      } else if (entry.isSymbolicLink()) {
        try {
          if ((await stat(entryPath)).isDirectory()) await walk(entryPath);
        } catch (error) {
          unreadable.push({ path: entryPath, reason: describeLinkError(error) });
        }
      }
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    try {
      if ((await lstat(absolute)).isDirectory()) await walk(absolute);
    } catch {
      // A named path that cannot be read is a usage error, reported by the command.
    }
  }
  return unreadable;
}

/** `ignorePatterns` for ESLint that leave the broken links out of its search. */
export function ignorePatternsFor(unreadable: readonly UnreadablePath[], cwd: string): string[] {
  return unreadable.map(({ path: linkPath }) =>
    path.relative(cwd, linkPath).split(path.sep).join("/").replace(/[\\*?[\](){}!+@|]/gu, (character) => `\\${character}`),
  );
}

/** One lint result per broken link: a fatal error, so the run exits 1 and every formatter shows it. */
export function unreadableResults(unreadable: readonly UnreadablePath[]): ESLint.LintResult[] {
  return unreadable.map(({ path: linkPath, reason }) => ({
    filePath: linkPath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message: `Cannot read this path: it is ${reason}. It was not linted.`, line: 0, column: 0 }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  }));
}
