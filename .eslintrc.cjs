// The same set-up as eslint.config.js for ESLint 8 and 9 in eslintrc mode
// (ESLINT_USE_FLAT_CONFIG=false with ESLint 9). ESLint 10 reads eslint.config.js only.
module.exports = {
  root: true,
  ignorePatterns: ["dist/", "node_modules/", "coverage/"],
  extends: ["plugin:client-access-rules/legacy-recommended"],
  overrides: [
    {
      files: ["examples/exchange-server*.car.json"],
      settings: { "client-access-rules": { target: "exchange-server" } },
    },
  ],
};
