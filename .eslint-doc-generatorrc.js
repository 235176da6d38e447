/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  ignoreConfig: ["legacy-recommended", "legacy-all"],
  configEmoji: [["all", "🌐"]],
  ruleDocTitleFormat: "prefix-name",
  // Every page has an Options section, for the shared settings even where the rule has no options.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ["Rule details", "Microsoft source"],
  ruleListColumns: ["name", "description", "configsError", "configsWarn", "fixable", "hasSuggestions"],
};
