#!/usr/bin/env node
/**
 * The `client-access-rules` executable (package.json `bin`); the logic lives in lib/cli.
 */
import { runCli } from "../lib/cli/main.ts";

// A reader that stops early (`report big.json | head`) closes the pipe: the rest of the output is
// dropped, without a stack trace, and the exit code stays the command's own (never a silent pass).
let stdoutClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stdoutClosed = true;
});

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
});
