/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  // `all` enables every rule, so listing it on every row says nothing.
  // The PowerShell configs enable the same rules as `recommended` and `all`, for .ps1/.psm1 files.
  ignoreConfig: ["all", "legacy-recommended", "legacy-all", "recommended-powershell", "all-powershell"],
  ruleDocTitleFormat: "prefix-name",
  // Every page has an Options section, for the shared settings even where the rule has no options.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ["Rule details", "Microsoft source"],
  ruleListColumns: ["name", "description", "configsError", "configsWarn", "fixable", "hasSuggestions"],
};
