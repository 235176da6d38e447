import rule from "../../rules/valid-ip-address.ts";
import { json, locate, runRuleTests } from "../rule-tester.ts";

const badOctet = json(
  "[",
  '  { "Name": "Block EAC", "Action": "DenyAccess", "AnyOfProtocols": ["ExchangeAdminCenter"],',
  '    "ExceptAnyOfClientIPAddressesOrRanges": ["10.0.0.0/8", "10.0.0.256"] }',
  "]",
);
const reversed = json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": "10.0.0.9-10.0.0.1" }]');
const inCommaList = json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": "192.0.2.1, 192.0.2.300" }]');
const parenthesisedMask = json('[{ "Name": "r", "Action": "AllowAccess", "AnyOfClientIPAddressesOrRanges": ["192.168.8.2(255.255.255.0)"] }]');
const mixed = json('[{ "Name": "r", "Action": "DenyAccess", "AnyOfClientIPAddressesOrRanges": ["10.0.0.1-::1", "2001:db8::/129"] }]');

runRuleTests("valid-ip-address", rule, {
  valid: [
    json(
      '[{ "Name": "r", "Action": "DenyAccess", "ExceptAnyOfClientIPAddressesOrRanges": ["192.168.10.1/24", "172.16.5.1-172.16.5.150", "203.0.113.4", "2001:DB8::2AA:FF:C0A8:640A/64", "2001:db8::1-2001:db8::ff", "0.0.0.0/0"] }]',
    ),
    // Unreadable rules elsewhere do not hide the file from this rule, and a non-CAR file is left alone.
    json('{ "addresses": ["999.1.1.1"] }'),
  ],
  invalid: [
    {
      code: badOctet,
      errors: [
        {
          message:
            "Invalid ExceptAnyOfClientIPAddressesOrRanges entry: `10.0.0.256` is not an IPv4 address: octet 256 is out of range (0–255). New-ClientAccessRule would reject the rule, so it is left out of the analysis. Write a single address, an `a-b` range or a CIDR block.",
          ...locate(badOctet, '"10.0.0.256"'),
        },
      ],
    },
    {
      code: reversed,
      errors: [
        {
          messageId: "invalidIp",
          data: {
            parameter: "AnyOfClientIPAddressesOrRanges",
            detail: "range `10.0.0.9-10.0.0.1` is reversed: its start is after its end",
          },
          ...locate(reversed, '"10.0.0.9-10.0.0.1"'),
        },
      ],
    },
    {
      // One entry of a comma list held in one string: only that entry is underlined.
      code: inCommaList,
      errors: [{ messageId: "invalidIp", ...locate(inCommaList, "192.0.2.300") }],
    },
    {
      // Documented for other Exchange IP lists, not for Client Access Rules: not "rejected" as a fact.
      code: parenthesisedMask,
      errors: [
        {
          message:
            "Undocumented AnyOfClientIPAddressesOrRanges entry: `192.168.8.2(255.255.255.0)` gives a subnet mask in parentheses, a form Microsoft documents for other Exchange IP lists but not for Client Access Rules; write 192.168.8.2/24. Whether Exchange accepts it in a Client Access Rule is not documented, so the rule is left out of the analysis. Write a single address, an `a-b` range or a CIDR block.",
          ...locate(parenthesisedMask, '"192.168.8.2(255.255.255.0)"'),
        },
      ],
    },
    {
      code: mixed,
      errors: [
        {
          messageId: "invalidIp",
          data: { parameter: "AnyOfClientIPAddressesOrRanges", detail: "range `10.0.0.1-::1` mixes IPv4 and IPv6" },
          ...locate(mixed, '"10.0.0.1-::1"'),
        },
        {
          messageId: "invalidIp",
          data: { parameter: "AnyOfClientIPAddressesOrRanges", detail: "prefix /129 is out of range for IPv6 (0–128)" },
          ...locate(mixed, '"2001:db8::/129"'),
        },
      ],
    },
  ],
});
