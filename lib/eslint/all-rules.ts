/** Every rule of the plugin, by id. One import per rule file; the parity test keeps it complete. */
import type { CarRuleModule } from "./create-rule.ts";
import maxRules from "../../rules/max-rules.ts";
import noBlockedOutlookMobile from "../../rules/no-blocked-outlook-mobile.ts";
import noDuplicateName from "../../rules/no-duplicate-name.ts";
import noDuplicatePriority from "../../rules/no-duplicate-priority.ts";
import noDuplicateValues from "../../rules/no-duplicate-values.ts";
import noEwsBlockWithoutRestException from "../../rules/no-ews-block-without-rest-exception.ts";
import noIpConditionForOutlookMobile from "../../rules/no-ip-condition-for-outlook-mobile.ts";
import noRemotePowershellLockout from "../../rules/no-remote-powershell-lockout.ts";
import noShadowedRules from "../../rules/no-shadowed-rules.ts";
import noUnsatisfiableRule from "../../rules/no-unsatisfiable-rule.ts";
import noUnsupportedCondition from "../../rules/no-unsupported-condition.ts";
import requireExplicitRest from "../../rules/require-explicit-rest.ts";
import validIpAddress from "../../rules/valid-ip-address.ts";
import validRecipientFilter from "../../rules/valid-recipient-filter.ts";
import validSchema from "../../rules/valid-schema.ts";

export const rules: Readonly<Record<string, CarRuleModule>> = {
  "max-rules": maxRules,
  "no-blocked-outlook-mobile": noBlockedOutlookMobile,
  "no-duplicate-name": noDuplicateName,
  "no-duplicate-priority": noDuplicatePriority,
  "no-duplicate-values": noDuplicateValues,
  "no-ews-block-without-rest-exception": noEwsBlockWithoutRestException,
  "no-ip-condition-for-outlook-mobile": noIpConditionForOutlookMobile,
  "no-remote-powershell-lockout": noRemotePowershellLockout,
  "no-shadowed-rules": noShadowedRules,
  "no-unsatisfiable-rule": noUnsatisfiableRule,
  "no-unsupported-condition": noUnsupportedCondition,
  "require-explicit-rest": requireExplicitRest,
  "valid-ip-address": validIpAddress,
  "valid-recipient-filter": validRecipientFilter,
  "valid-schema": validSchema,
};
