/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  ignoreConfig: ["legacy-recommended", "legacy-all"],
  configEmoji: [["all", "🌐"]],
  ruleDocTitleFormat: "prefix-name",
  ruleDocSectionInclude: ["Rule details", "Microsoft source"],
  ruleListColumns: ["name", "description", "configsError", "configsWarn", "fixable", "hasSuggestions"],
};
