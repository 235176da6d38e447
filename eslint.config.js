// Lints the bundled examples with the plugin's own recommended config, the way a user would.
// The plugin is imported by its package name (Node resolves a package's own name through its
// "exports"), so this file is exactly what a consumer writes; `npm ci` builds dist/ first.
import clientAccessRules from "eslint-plugin-client-access-rules";

export default [
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  clientAccessRules.configs.recommended,
  clientAccessRules.configs["recommended-powershell"],
  {
    // These examples describe Exchange Server 2019/SE, where only EAC and RemotePowerShell apply.
    files: ["examples/exchange-server*.car.json"],
    settings: { "client-access-rules": { target: "exchange-server" } },
  },
];
