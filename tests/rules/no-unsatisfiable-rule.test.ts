import rule from "../../rules/no-unsatisfiable-rule.ts";
import { BOUND_REACHING_RULE, json, locate, rules, runRuleTests } from "../rule-tester.ts";

const exceptCancels = rules(
  '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 }',
  '{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "ExceptAnyOfProtocols": ["POP3", "IMAP4"], "Priority": 2 }',
);
const jeff = rules('{ "Name": "Block Jeff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["jeff*"], "Priority": 1 }');
const ipCancelled = rules(
  '{ "Name": "Block lab", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["192.0.2.0/25", "192.0.2.128/25"], "ExceptAnyOfClientIPAddressesOrRanges": ["192.0.2.0/24"] }',
);
const coupledRest = rules(
  '{ "Name": "Block REST", "Action": "DenyAccess", "AnyOfProtocols": ["REST"], "ExceptAnyOfProtocols": ["ExchangeWebServices"] }',
);

const contradictoryFilter = rules(
  '{ "Name": "Block Sales HR", "Action": "DenyAccess", "UserRecipientFilter": "Department -eq \'Sales\' -and Department -eq \'HR\'", "Priority": 1 }',
);

runRuleTests("no-unsatisfiable-rule", rule, {
  valid: [
    rules('{ "Name": "Block Jeff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["*jeff*", "jeff*"] }'),
    rules('{ "Name": "Block Jeff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["*\\\\jeff"] }'),
    // Unset attributes: -ne matches users without a Department, so this is satisfiable.
    rules('{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "Department -ne \'Sales\' -and Department -ne \'HR\' -and Department -notlike \'*\'" }'),
    rules('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3", "IMAP4"], "ExceptAnyOfProtocols": ["POP3"] }'),
    // A disabled rule is never evaluated, so it is not reported.
    rules('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "ExceptAnyOfProtocols": ["POP3"], "Enabled": false }'),
    // Independent semantics: an EWS exception no longer exempts REST.
    { code: coupledRest, settings: { "client-access-rules": { restSemantics: "independent" } } },
    // A rule the model cannot read is valid-schema's business.
    rules('{ "Name": "Block POP3", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "ExceptAnyOfProtocols": ["POP3"], "Priority": -1 }'),
  ],
  invalid: [
    {
      // The pass could not decide whether the rule can match: said here too, so that turning
      // no-shadowed-rules off never makes the question pass silently.
      code: BOUND_REACHING_RULE,
      errors: [
        {
          message:
            "The analysis left what \"Block y users\" (Priority 1) does undecided: whether any user name matches '*y' but none of 15 other patterns (the search stopped at its bound of 50,000 states). Findings about it may be missing; see docs/performance.md for the bound, and simplify the username patterns or recipient filters involved.",
          ...locate(BOUND_REACHING_RULE, '"Block y users"'),
        },
      ],
    },
    {
      // Recipient filters are attribute constraints: a property cannot hold two values at once.
      code: contradictoryFilter,
      errors: [
        {
          message:
            "\"Block Sales HR\" (Priority 1) can never match any connection: UserRecipientFilter contradicts itself (no single value of Department satisfies its conditions on it). The protection or access it promises does not exist. Fix its conditions or remove it.",
          ...locate(contradictoryFilter, '"Department -eq \'Sales\' -and Department -eq \'HR\'"'),
          suggestions: [{ messageId: "remove", data: { rule: '"Block Sales HR" (Priority 1)' }, output: "[]\n" }],
        },
      ],
    },
    {
      code: exceptCancels,
      errors: [
        {
          message:
            '"Block POP3" (Priority 2) can never match any connection: ExceptAnyOfProtocols exempts every protocol that AnyOfProtocols lists. The protection or access it promises does not exist. Fix its conditions or remove it.',
          ...locate(exceptCancels, '"ExceptAnyOfProtocols"'),
          suggestions: [
            {
              desc: 'Remove "Block POP3" (Priority 2).',
              output: rules(
                '{ "Name": "Always Allow Remote PowerShell", "Action": "AllowAccess", "AnyOfProtocols": ["RemotePowerShell"], "Priority": 1 }',
              ),
            },
          ],
        },
      ],
    },
    {
      code: jeff,
      errors: [
        {
          message:
            "\"Block Jeff\" (Priority 1) cannot match the users it names: UsernameMatchesAnyOfPatterns is matched against the whole <Domain>\\<User> name, so 'jeff*' only matches users of a domain whose name starts that way (Microsoft: \"*jeff*, but not jeff*\"). Write '*jeff*' or '<Domain>\\jeff*', or remove the rule.",
          ...locate(jeff, '["jeff*"]'),
          suggestions: [{ messageId: "remove", output: "[]\n" }],
        },
      ],
    },
    {
      code: ipCancelled,
      errors: [
        {
          messageId: "unsatisfiable",
          data: {
            rule: '"Block lab" (no Priority)',
            explanation: "ExceptAnyOfClientIPAddressesOrRanges exempts every address that AnyOfClientIPAddressesOrRanges lists",
          },
          ...locate(ipCancelled, '"ExceptAnyOfClientIPAddressesOrRanges"'),
          suggestions: 1,
        },
      ],
    },
    {
      code: coupledRest,
      errors: [{ messageId: "unsatisfiable", ...locate(coupledRest, '"ExceptAnyOfProtocols"'), suggestions: 1 }],
    },
    {
      // A single-rule file: nothing to remove it from, so no suggestion.
      code: json('{ "Name": "Block Jeff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": "jeff*" }'),
      errors: [{ messageId: "domainlessPatterns", suggestions: [] }],
    },
    {
      // No wildcard and no domain: no well-formed name matches at all (proven by the analysis).
      code: rules('{ "Name": "Block Jeff", "Action": "DenyAccess", "UsernameMatchesAnyOfPatterns": ["jeff", "ben"] }'),
      errors: [
        {
          messageId: "unsatisfiable",
          data: { rule: '"Block Jeff" (no Priority)', explanation: "no <Domain>\\<User> name matches any of the patterns 'jeff', 'ben'" },
          suggestions: 1,
        },
      ],
    },
  ],
});
