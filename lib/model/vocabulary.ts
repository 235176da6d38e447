/**
 * The Client Access Rules vocabulary: every parameter, enum value and constraint the plugin knows.
 *
 * One source of truth for the model, the rules, the docs and the JSON Schema. Sources (see
 * shared/docs/car-reference.md):
 * - New-/Set-ClientAccessRule cmdlet reference (MicrosoftDocs/office-docs-powershell,
 *   exchange/exchange-ps/ExchangePowerShell/New-ClientAccessRule.md), §1.1–§1.3.
 * - "Client Access Rules in Exchange Online" and "… in Exchange 2019" (MicrosoftDocs/OfficeDocs-Exchange).
 * - The protocol × authentication matrix of the 2022-05-11 cmdlet revision (car-reference.md §4.1).
 * - Microsoft365DSC EXOClientAccessRule (car-reference.md §8) for the desired-state properties.
 * - Enum integer values are inferred from the documented declaration order (car-reference.md §1.3).
 */

export const PROTOCOLS = [
  "ExchangeActiveSync",
  "ExchangeAdminCenter",
  "ExchangeWebServices",
  "IMAP4",
  "OfflineAddressBook",
  "OutlookAnywhere",
  "OutlookWebApp",
  "POP3",
  "PowerShellWebServices",
  "RemotePowerShell",
  "REST",
  "UniversalOutlook",
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const AUTHENTICATION_TYPES = [
  "AdfsAuthentication",
  "BasicAuthentication",
  "CertificateBasedAuthentication",
  "NonBasicAuthentication",
  "OAuthAuthentication",
] as const;
export type AuthenticationType = (typeof AUTHENTICATION_TYPES)[number];

export const ACTIONS = ["AllowAccess", "DenyAccess"] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPES = ["All", "Users"] as const;
export type Scope = (typeof SCOPES)[number];

export const ENSURE_VALUES = ["Present", "Absent"] as const;

/**
 * Non-canonical spellings the service's own documentation uses: every revision of the lockout
 * example since 2018 says `-Action Allow` (car-reference.md §5.13).
 */
export const ACTION_ALIASES: ReadonlyMap<string, Action> = new Map([
  ["allow", "AllowAccess"],
  ["deny", "DenyAccess"],
]);

/**
 * Integer values that Windows PowerShell 5.1 `ConvertTo-Json` writes for enums, in the documented
 * declaration order (car-reference.md §1.3: inferred, and "guess" for UniversalOutlook and Scope).
 */
export const NUMERIC_ENUMS = {
  protocol: [
    "ExchangeWebServices",
    "RemotePowerShell",
    "OutlookAnywhere",
    "POP3",
    "IMAP4",
    "OutlookWebApp",
    "ExchangeAdminCenter",
    "ExchangeActiveSync",
    "OfflineAddressBook",
    "PowerShellWebServices",
    "REST",
    "UniversalOutlook",
  ] as readonly Protocol[],
  authenticationType: [
    "BasicAuthentication",
    "NonBasicAuthentication",
    "AdfsAuthentication",
    "CertificateBasedAuthentication",
    "OAuthAuthentication",
  ] as readonly AuthenticationType[],
  action: ["AllowAccess", "DenyAccess"] as readonly Action[],
  scope: ["All", "Users"] as readonly Scope[],
} as const;

export type EnumName = keyof typeof NUMERIC_ENUMS;

export const ENUM_VALUES: Readonly<Record<EnumName, readonly string[]>> = {
  protocol: PROTOCOLS,
  authenticationType: AUTHENTICATION_TYPES,
  action: ACTIONS,
  scope: SCOPES,
};

/** How the model reads a parameter's value. */
export type ParameterKind =
  | "name"
  | "action"
  | "priority"
  | "enabled"
  | "scope"
  | "protocol-list"
  | "authentication-list"
  | "ip-list"
  | "port-list"
  | "pattern-list"
  | "group-list"
  | "recipient-filter";

export type ParameterRole = "setting" | "condition" | "exception";

export interface ParameterDescriptor {
  readonly name: string;
  readonly kind: ParameterKind;
  readonly role: ParameterRole;
  /** Other property names that mean the same parameter (`RuleScope` in exports). */
  readonly aliases?: readonly string[];
  readonly description: string;
  /** "Reserved for internal Microsoft use" in the cmdlet reference. */
  readonly reserved?: boolean;
}

const IP_FORMAT =
  "IPv4 or IPv6 addresses: a single address, a range `start-end`, or CIDR `address/prefix`.";
const PATTERN_FORMAT =
  "Patterns matched against `<Domain>\\<UserName>` (for example `contoso.com\\jeff`); `*` is the only wildcard.";

export const PARAMETERS: readonly ParameterDescriptor[] = [
  { name: "Name", kind: "name", role: "setting", description: "A unique name for the rule." },
  {
    name: "Action",
    kind: "action",
    role: "setting",
    description: "What happens to a connection the rule matches: `AllowAccess` or `DenyAccess`.",
  },
  {
    name: "Priority",
    kind: "priority",
    role: "setting",
    description:
      "Evaluation order: lower numbers are evaluated first and the first matching rule decides.",
  },
  {
    name: "Enabled",
    kind: "enabled",
    role: "setting",
    description: "Whether the rule is evaluated (default `true`).",
  },
  {
    name: "Scope",
    kind: "scope",
    role: "setting",
    aliases: ["RuleScope"],
    description:
      "`Users` applies the rule to end-user connections only; `All` also to middle-tier applications.",
  },
  {
    name: "AnyOfProtocols",
    kind: "protocol-list",
    role: "condition",
    description: "The rule applies to these protocols; without it the rule applies to all protocols.",
  },
  {
    name: "ExceptAnyOfProtocols",
    kind: "protocol-list",
    role: "exception",
    description: "Connections over these protocols are exempt from the rule.",
  },
  {
    name: "AnyOfAuthenticationTypes",
    kind: "authentication-list",
    role: "condition",
    description:
      "The rule applies to these authentication types (only with protocols that support authentication filters).",
  },
  {
    name: "ExceptAnyOfAuthenticationTypes",
    kind: "authentication-list",
    role: "exception",
    description:
      "Connections with these authentication types are exempt (requires `AnyOfAuthenticationTypes`).",
  },
  {
    name: "AnyOfClientIPAddressesOrRanges",
    kind: "ip-list",
    role: "condition",
    description: `The rule applies to connections from these client addresses. ${IP_FORMAT}`,
  },
  {
    name: "ExceptAnyOfClientIPAddressesOrRanges",
    kind: "ip-list",
    role: "exception",
    description: `Connections from these client addresses are exempt. ${IP_FORMAT}`,
  },
  {
    name: "AnyOfSourceTcpPortNumbers",
    kind: "port-list",
    role: "condition",
    reserved: true,
    description: "Reserved for internal Microsoft use: source TCP ports or port ranges.",
  },
  {
    name: "ExceptAnyOfSourceTcpPortNumbers",
    kind: "port-list",
    role: "exception",
    reserved: true,
    description: "Reserved for internal Microsoft use: exempt source TCP ports or port ranges.",
  },
  {
    name: "UsernameMatchesAnyOfPatterns",
    kind: "pattern-list",
    role: "condition",
    description: `The rule applies to users whose account name matches one of these patterns. ${PATTERN_FORMAT}`,
  },
  {
    name: "ExceptUsernameMatchesAnyOfPatterns",
    kind: "pattern-list",
    role: "exception",
    description: `Users whose account name matches one of these patterns are exempt. ${PATTERN_FORMAT}`,
  },
  {
    name: "UserIsMemberOf",
    kind: "group-list",
    role: "condition",
    reserved: true,
    description: "Reserved for internal Microsoft use: the user is a member of one of these groups.",
  },
  {
    name: "ExceptUserIsMemberOf",
    kind: "group-list",
    role: "exception",
    reserved: true,
    description: "Reserved for internal Microsoft use: members of these groups are exempt.",
  },
  {
    name: "UserRecipientFilter",
    kind: "recipient-filter",
    role: "condition",
    description:
      "An OPATH filter over City, Company, CountryOrRegion, CustomAttribute1–15, Department, Office, PostalCode, StateOrProvince and StreetAddress.",
  },
];

/** Parameter names in the order the cmdlet reference and the docs present them. */
export const PARAMETER_NAMES: readonly string[] = PARAMETERS.map((parameter) => parameter.name);

/** Properties `Get-ClientAccessRule | ConvertTo-Json` writes that are read-only noise for linting. */
export const READ_ONLY_EXPORT_PROPERTIES = [
  "RunspaceId",
  "PSComputerName",
  "PSShowComputerName",
  "Identity",
  "Id",
  "Guid",
  "DistinguishedName",
  "AdminDisplayName",
  "ExchangeVersion",
  "ObjectCategory",
  "ObjectClass",
  "WhenChanged",
  "WhenCreated",
  "WhenChangedUTC",
  "WhenCreatedUTC",
  "OrganizationId",
  "OriginatingServer",
  "IsValid",
  "ObjectState",
  "DatacenterAdminsOnly",
  // What the serialiser keeps of a Get-ClientAccessRule object beyond ConvertTo-Json's usual set
  // (Microsoft's discovery scripts exclude SerializationData explicitly), and the internal fields
  // of the Exchange object (car-reference.md §7.2).
  "SerializationData",
  "ExchangeObjectId",
  "OrganizationalUnitRoot",
  "InternalPriority",
  "RuleFlags",
  "RuleXml",
] as const;

/**
 * The keys of a Microsoft365DSC JSON report entry (`New-M365DSCReportFromConfiguration -Type
 * JSON`) that describe the resource rather than the rule.
 */
export const DSC_REPORT_PROPERTIES = ["ResourceName", "ResourceInstanceName", "ModuleName", "ConfigurationName", "Type"] as const;

/** The Microsoft365DSC resource whose instances are Client Access Rules. */
export const DSC_RESOURCE_NAME = "EXOClientAccessRule";

/**
 * OData annotations of the Exchange admin API (`AnyOfProtocols@odata.type`, `@odata.context`):
 * metadata about a value, never a rule parameter.
 */
export function isAnnotationKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith("@") || lower.includes("@odata.") || lower.includes("@adminapi.") || lower.includes("@data.type");
}

/** Microsoft365DSC EXOClientAccessRule properties that configure DSC itself, not the rule. */
export const DESIRED_STATE_PROPERTIES = [
  "Ensure",
  "Credential",
  "GlobalAdminAccount",
  "ApplicationId",
  "TenantId",
  "CertificateThumbprint",
  "CertificatePassword",
  "CertificatePath",
  "ManagedIdentity",
  "AccessTokens",
] as const;

/**
 * Which authentication types each protocol's authentication filter supports (cmdlet reference,
 * 2022-05-11 revision; car-reference.md §4.1). An empty list: the protocol supports no
 * authentication-type filter at all.
 */
export const AUTHENTICATION_SUPPORT: Readonly<Record<Protocol, readonly AuthenticationType[]>> = {
  ExchangeActiveSync: ["BasicAuthentication", "OAuthAuthentication", "CertificateBasedAuthentication"],
  ExchangeAdminCenter: ["BasicAuthentication", "AdfsAuthentication"],
  ExchangeWebServices: [],
  IMAP4: ["BasicAuthentication", "OAuthAuthentication"],
  OfflineAddressBook: [],
  OutlookAnywhere: [],
  OutlookWebApp: ["BasicAuthentication", "AdfsAuthentication"],
  POP3: ["BasicAuthentication", "OAuthAuthentication"],
  PowerShellWebServices: [],
  RemotePowerShell: ["BasicAuthentication", "NonBasicAuthentication"],
  REST: [],
  UniversalOutlook: [],
};

/** Exchange Server 2019 / SE supports Client Access Rules for these protocols only (S1, S8). */
export const EXCHANGE_SERVER_PROTOCOLS: readonly Protocol[] = ["ExchangeAdminCenter", "RemotePowerShell"];

/** The properties of `UserRecipientFilter` that Client Access Rules support (car-reference.md §1.6). */
export const RECIPIENT_FILTER_PROPERTIES: readonly string[] = [
  "City",
  "Company",
  "CountryOrRegion",
  ...Array.from({ length: 15 }, (_, index) => `CustomAttribute${index + 1}`),
  "Department",
  "Office",
  "PostalCode",
  "StateOrProvince",
  "StreetAddress",
];

export const RECIPIENT_FILTER_COMPARISON_OPERATORS = ["-eq", "-ne", "-like", "-notlike"] as const;
export const RECIPIENT_FILTER_LOGICAL_OPERATORS = ["-and", "-or", "-not"] as const;

/** The default cap of rules per organization (`ClientAccessRulesLimit`, car-reference.md §3). */
export const DEFAULT_MAX_RULES = 20;

export const DOCS_BASE_URL =
  "https://github.com/client-access-rules/eslint-plugin-client-access-rules/blob/main/docs/rules/";

const parameterByLowerName = new Map<string, ParameterDescriptor>();
/** The same by the spelling as written: most files use the canonical case, so no lower-casing (one string per key) is needed. */
const parameterByName = new Map<string, ParameterDescriptor>();
for (const parameter of PARAMETERS) {
  parameterByLowerName.set(parameter.name.toLowerCase(), parameter);
  parameterByName.set(parameter.name, parameter);
  for (const alias of parameter.aliases ?? []) {
    parameterByLowerName.set(alias.toLowerCase(), parameter);
    parameterByName.set(alias, parameter);
  }
}

/** The parameter a property name denotes, matched case-insensitively as PowerShell does. */
export function findParameter(propertyName: string): ParameterDescriptor | undefined {
  return parameterByName.get(propertyName) ?? parameterByLowerName.get(propertyName.toLowerCase());
}

const ignoredPropertyNames = new Map<string, string>(
  [...READ_ONLY_EXPORT_PROPERTIES, ...DESIRED_STATE_PROPERTIES].map((name) => [name.toLowerCase(), name]),
);

/** The canonical spelling of a read-only export or desired-state property, if it is one. */
export function findIgnoredProperty(propertyName: string): string | undefined {
  return ignoredPropertyNames.get(propertyName.toLowerCase());
}

/** Each enum's values by their own spelling and by their lower-case spelling (the first value wins, as a search in order would). */
function valuesBySpelling(values: readonly string[]): ReadonlyMap<string, string> {
  const bySpelling = new Map<string, string>();
  for (const value of values) if (!bySpelling.has(value.toLowerCase())) bySpelling.set(value.toLowerCase(), value);
  for (const value of values) if (!bySpelling.has(value) && bySpelling.get(value.toLowerCase()) === value) bySpelling.set(value, value);
  return bySpelling;
}

const enumValueBySpelling: Readonly<Record<EnumName, ReadonlyMap<string, string>>> = {
  protocol: valuesBySpelling(ENUM_VALUES.protocol),
  authenticationType: valuesBySpelling(ENUM_VALUES.authenticationType),
  action: valuesBySpelling(ENUM_VALUES.action),
  scope: valuesBySpelling(ENUM_VALUES.scope),
};

/** The canonical enum value for a case-insensitive spelling (`rest` → `REST`). */
export function findEnumValue(enumName: EnumName, text: string): string | undefined {
  const values = enumValueBySpelling[enumName];
  // Canonical spelling first: no trimmed or lower-cased copy of the text.
  return values.get(text) ?? values.get(text.trim().toLowerCase());
}

export function isConditionOrException(parameter: ParameterDescriptor): boolean {
  return parameter.role === "condition" || parameter.role === "exception";
}

/** Which Exchange the rules are for: Exchange Server 2019/SE supports only EAC and remote PowerShell. */
export type Target = "exchange-online" | "exchange-server";
/**
 * `coupled`: an ExchangeWebServices condition, in AnyOf or Except, also matches REST (before and
 * during phase 1 of the REST/EWS split, KB 4013974). `independent`: after phase 2.
 */
export type RestSemantics = "coupled" | "independent";
