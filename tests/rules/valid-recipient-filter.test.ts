import rule from "../../rules/valid-recipient-filter.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const likeWithoutWildcard = json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "City -like \'Redmond\'" }]');
const twoProblems = json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "Citty -eq \'x\' -or Department -gt \'IT\'" }]');
const docsTypo = json(
  '[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "CustomAttribute1 -eq \'AllowOWA\' -and CountryOrRegion -eq AU\'" }]',
);
// An escaped quote before the problem shifts the source columns by one.
const escaped = json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "{Office -eq \\"B1\\" -and Citty -eq \'x\'}" }]');

const mixed = json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "Department -eq \'Sales\' -or Department -eq \'HR\' -and City -eq \'Paris\'" }]');

runRuleTests("valid-recipient-filter", rule, {
  valid: [
    json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "City -eq \'Redmond\'" }]'),
    json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "{City -eq \\"Redmond\\"}" }]'),
    json(
      '[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "(CountryOrRegion -eq \'US\' -and Department -eq \'Sales\') -or Department -eq \'Research\'" }]',
    ),
    json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "-not (CustomAttribute15 -like \'*temp*\')" }]'),
    json('[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": null }]'),
  ],
  invalid: [
    {
      // Equal precedence, left to right: this is (Sales or HR) and Paris, which few readers expect.
      code: mixed,
      errors: [
        {
          message:
            "UserRecipientFilter mixes -and and -or without parentheses. PowerShell gives them equal precedence and reads them left to right, so this part means (Department -eq 'Sales' -or Department -eq 'HR') -and City -eq 'Paris', not -and first. Add parentheses to say which you mean.",
          ...locate(mixed, "Department -eq 'Sales' -or Department -eq 'HR' -and City -eq 'Paris'"),
          suggestions: [
            {
              desc: "Write it as (Department -eq 'Sales' -or Department -eq 'HR') -and City -eq 'Paris' (what it means now).",
              output: json(
                '[{ "Name": "r", "Action": "DenyAccess", "UserRecipientFilter": "(Department -eq \'Sales\' -or Department -eq \'HR\') -and City -eq \'Paris\'" }]',
              ),
            },
          ],
        },
      ],
    },
    {
      code: likeWithoutWildcard,
      errors: [
        {
          message:
            "UserRecipientFilter: `-like` needs at least one `*` wildcard in its value, and `'Redmond'` has none; use -eq for an exact match. Exchange rejects a filter it cannot validate against the Client Access Rules recipient schema, so the rule is left out of the analysis.",
          ...locate(likeWithoutWildcard, "'Redmond'"),
        },
      ],
    },
    {
      code: twoProblems,
      errors: [
        {
          messageId: "invalidFilter",
          data: { detail: "`Citty` is not a property Client Access Rules can filter on; did you mean `City`?" },
          ...locate(twoProblems, "Citty"),
        },
        {
          messageId: "invalidFilter",
          data: { detail: "`-gt` is not supported in a recipient filter: use -eq, -ne, -like or -notlike." },
          ...locate(twoProblems, "-gt"),
        },
      ],
    },
    {
      code: docsTypo,
      errors: [
        {
          messageId: "invalidFilter",
          data: { detail: "unbalanced quote: `AU'` ends with a quote that was never opened; write 'AU'." },
          ...locate(docsTypo, "AU'"),
        },
      ],
    },
    {
      code: escaped,
      errors: [{ messageId: "invalidFilter", ...locate(escaped, "Citty") }],
    },
  ],
});
