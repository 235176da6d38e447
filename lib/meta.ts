import { createRequire } from "node:module";

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

/** package.json sits one level up from lib/ in the sources and two levels up from dist/lib/. */
function readPackageJson(): PackageJson {
  const require = createRequire(import.meta.url);
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const packageJson = require(candidate) as PackageJson;
      if (packageJson.name === "eslint-plugin-client-access-rules") return packageJson;
    } catch {
      // Not at this level; try the next one.
    }
  }
  return { name: "eslint-plugin-client-access-rules", version: "0.0.0" };
}

const packageJson = readPackageJson();

export const meta = {
  name: packageJson.name,
  version: packageJson.version,
  namespace: "client-access-rules",
} as const;
