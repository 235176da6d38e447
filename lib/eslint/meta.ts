import { createRequire } from "node:module";

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

/** The package's own name resolves to its package.json (Node's self-reference), from lib/ and dist/ alike. */
function readPackageJson(): PackageJson {
  const require = createRequire(import.meta.url);
  return require("eslint-plugin-client-access-rules/package.json") as PackageJson;
}

const packageJson = readPackageJson();

export const meta = {
  name: packageJson.name,
  version: packageJson.version,
  namespace: "client-access-rules",
} as const;
