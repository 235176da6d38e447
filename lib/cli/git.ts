/**
 * Reading a file's committed version through git, for `diff --base`. The revision and the path
 * come from the command line (in CI, from a pull request), so git gets them as separate
 * arguments through execFile — never through a shell — after `--end-of-options`, and the
 * revision must name a commit: `main;touch x` is an unknown revision, not a command.
 */
import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { UsageError } from "./args.ts";

const run = promisify(execFile);

async function git(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run("git", [...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, windowsHide: true });
  return stdout;
}

export interface CommittedFile {
  /** The file's text at the revision; undefined when the file did not exist there. */
  readonly text: string | undefined;
  /** The commit the revision names. */
  readonly commit: string;
  /** `<revision>:<path from the repository root>`, for messages. */
  readonly label: string;
}

/** The text of `file` (relative to `cwd`) at git revision `revision`; throws UsageError with a clear reason. */
export async function readCommittedFile(file: string, revision: string, cwd: string): Promise<CommittedFile> {
  if (revision.trim() === "" || revision.startsWith("-")) throw new UsageError(`--base: "${revision}" is not a git revision`);
  const absolute = path.resolve(cwd, file);
  let directory: string;
  try {
    directory = await realpath(path.dirname(absolute));
  } catch {
    throw new UsageError(`cannot read ${file}: no such directory`);
  }
  let root: string;
  try {
    root = (await git(["rev-parse", "--show-toplevel"], directory)).trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") throw new UsageError("--base needs git, which is not installed (or not on PATH)");
    throw new UsageError(`--base: ${file} is not inside a git repository`);
  }
  let commit: string;
  try {
    commit = (await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], root)).trim();
  } catch {
    commit = "";
  }
  if (!/^[0-9a-f]{40,64}$/u.test(commit)) {
    throw new UsageError(`--base: unknown revision "${revision}" in ${root}${(await isShallow(root)) ? SHALLOW_HINT : ""}`);
  }
  const relative = path.relative(root, path.join(directory, path.basename(absolute))).split(path.sep).join("/");
  if (relative.startsWith("../")) throw new UsageError(`--base: ${file} is outside the repository at ${root}`);
  const label = `${revision}:${relative}`;
  let listed: string;
  try {
    listed = await git(["ls-tree", "--full-tree", "-z", commit, "--", relative], root);
  } catch {
    throw new UsageError(`--base: cannot list ${relative} at ${revision}`);
  }
  if (listed === "") return { text: undefined, commit, label };
  try {
    return { text: await git(["cat-file", "blob", `${commit}:${relative}`], root), commit, label };
  } catch {
    throw new UsageError(`--base: ${relative} at ${revision} is not a file`);
  }
}

/** CI checkouts are shallow by default (actions/checkout fetches one commit), so the base is missing. */
const SHALLOW_HINT =
  ": this clone is shallow and may not hold it; fetch the base first (actions/checkout with `fetch-depth: 0`, or `git fetch origin <branch>`)";

async function isShallow(root: string): Promise<boolean> {
  try {
    return (await git(["rev-parse", "--is-shallow-repository"], root)).trim() === "true";
  } catch {
    return false;
  }
}
