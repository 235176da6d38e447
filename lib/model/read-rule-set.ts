/**
 * Reads the jsonc AST of a file into a RuleSetModel, or decides the file is not a CAR rule set.
 *
 * Accepts the JSON input shapes of design.md: a top-level array, `{ "rules": [...] }`, a single
 * rule object, `Get-ClientAccessRule | ConvertTo-Json` exports (with whatever read-only keys the
 * serialiser kept), Microsoft365DSC objects, the Exchange admin API's `{ "value": [...] }` wrapper
 * with OData annotations, and Microsoft365DSC JSON reports (only `EXOClientAccessRule` entries are
 * rules). It never throws and never reports: it records issues for the validation rules to report.
 */
import type { AST } from "jsonc-eslint-parser";
import {
  ACTION_ALIASES,
  DESIRED_STATE_PROPERTIES,
  DSC_REPORT_PROPERTIES,
  DSC_RESOURCE_NAME,
  ENSURE_VALUES,
  ENUM_VALUES,
  NUMERIC_ENUMS,
  PARAMETER_NAMES,
  READ_ONLY_EXPORT_PROPERTIES,
  findEnumValue,
  findIgnoredProperty,
  findParameter,
  isAnnotationKey,
  isConditionOrException,
  type Action,
  type EnumName,
  type ParameterDescriptor,
  type Scope,
} from "./vocabulary.ts";
import { parseIpEntry } from "./ip-entry.ts";
import { parseRecipientFilter } from "./recipient-filter.ts";
import { UNDECODABLE_CHARACTER } from "./text-encoding.ts";
import type { IpRange, PortRange, RuleSpec } from "./rule-spec.ts";
import { closestMatches } from "./suggest.ts";
import type {
  CarRule,
  ListItem,
  ListKind,
  ListValue,
  ListValueTypes,
  ModelIssue,
  RecipientFilterValue,
  RuleProperty,
  RuleSetModel,
  RuleSetShape,
} from "./types.ts";

const KNOWN_PROPERTY_NAMES: readonly string[] = [
  ...PARAMETER_NAMES,
  "RuleScope",
  ...READ_ONLY_EXPORT_PROPERTIES,
  ...DESIRED_STATE_PROPERTIES,
];

/** Parameters of the cmdlets that are not stored with the rule. */
const CMDLET_ONLY_PARAMETERS = new Set(["domaincontroller", "confirm", "whatif"]);

/** Reads a file's AST; `undefined` means the file is not a Client Access Rules file. */
export function readRuleSet(program: AST.JSONProgram): RuleSetModel | undefined {
  const root = program.body[0]?.expression;
  if (!root) return undefined;
  const located = locateRules(root);
  if (!located) return undefined;

  const issues: ModelIssue[] = [...located.issues];
  const allRules: CarRule[] = [];
  const array = located.array;
  if (located.shape === "single-rule") {
    allRules.push(readRule(root as AST.JSONObjectExpression, 0));
  } else if (located.shape === "dsc-report") {
    // Other resources of the configuration are no concern of this plugin, whatever they hold.
    array!.elements.forEach((element, index) => {
      if (isDscRuleEntry(element)) allRules.push(readRule(element, index, { dscReportEntry: true }));
    });
  } else if (array) {
    array.elements.forEach((element, index) => {
      if (element?.type === "JSONObjectExpression") allRules.push(readRule(element, index));
      else issues.push({ kind: "not-an-object", node: element ?? array, blocking: true });
    });
  }
  const rules: CarRule[] = [];
  const specs: RuleSpec[] = [];
  const ruleBySpec = new Map<RuleSpec, CarRule>();
  for (const rule of allRules) {
    if (rule.absent) continue;
    rules.push(rule);
    if (!rule.spec) continue;
    specs.push(rule.spec);
    ruleBySpec.set(rule.spec, rule);
  }
  return {
    shape: located.shape,
    program,
    // Rules inserted into a report would need its resource keys: the report is regenerated, not edited.
    rulesArray: located.shape === "dsc-report" ? undefined : located.array,
    issues,
    allRules,
    rules,
    specs,
    ruleOf(spec) {
      const rule = ruleBySpec.get(spec);
      if (!rule) throw new Error(`No rule in this file has the spec of "${spec.name}"`);
      return rule;
    },
  };
}

function keyName(key: AST.JSONProperty["key"]): string {
  return key.type === "JSONIdentifier" ? key.name : String(key.value);
}

/**
 * A file of none of the shapes that still holds rule objects near the top — under a property
 * (`{ "value": [ … ], "Count": 2 }`, `{ "ClientAccessRules": [ … ] }`, `{ "rules": { "Block
 * POP": { … } } }`) or in a nested array (`[[ … ]]`) — is reported, not left alone: its rules
 * would otherwise pass unread. Only objects that are unmistakably Client Access Rules count here
 * ({@link isUnmistakablyCarRule}), so the JSON of other tools stays left alone.
 */
function misplacedRules(root: AST.JSONExpression): ModelIssue | undefined {
  // A list of rules, one rule, or (one level further) an object of them by name.
  const holdsRules = (node: AST.JSONExpression | null, depth = 1): boolean => {
    if (node?.type === "JSONArrayExpression") return node.elements.some(isUnmistakablyCarRule);
    if (node?.type !== "JSONObjectExpression") return false;
    return isUnmistakablyCarRule(node) || (depth > 0 && node.properties.some((property) => holdsRules(property.value, depth - 1)));
  };
  if (root.type === "JSONArrayExpression") {
    const index = root.elements.findIndex((element) => element?.type === "JSONArrayExpression" && holdsRules(element));
    if (index < 0) return undefined;
    return { kind: "misplaced-rules", node: root.elements[index]!, where: `in the array nested at position ${index + 1}`, powerShellArrayWrapper: false, blocking: true };
  }
  if (root.type !== "JSONObjectExpression") return undefined;
  const property = root.properties.find((candidate) => holdsRules(candidate.value));
  if (!property) return undefined;
  const keys = root.properties.map((candidate) => keyName(candidate.key).toLowerCase()).sort();
  const powerShellArrayWrapper = keys.length === 2 && keys[0] === "count" && keys[1] === "value" && property.value.type === "JSONArrayExpression";
  return { kind: "misplaced-rules", node: property.key, where: `under "${keyName(property.key)}"`, powerShellArrayWrapper, blocking: true };
}

/** Actions no other tool's JSON is likely to carry (IAM policies say `"Action": "s3:GetObject"`). */
const CAR_ACTIONS = new Set(["allowaccess", "denyaccess"]);

/** A condition or exception parameter, or an Action of AllowAccess or DenyAccess. */
function isUnmistakablyCarRule(node: AST.JSONExpression | null): boolean {
  return hasRuleParameter(node, (parameter, value) => {
    if (isConditionOrException(parameter)) return true;
    return parameter.name === "Action" && value.type === "JSONLiteral" && typeof value.value === "string" && CAR_ACTIONS.has(value.value.toLowerCase());
  });
}

/** A rule object has Action or a condition or exception; Name, Priority and Enabled alone never count. */
export function looksLikeCarRule(node: AST.JSONExpression | null): boolean {
  return hasRuleParameter(node, (parameter) => parameter.name === "Action" || isConditionOrException(parameter));
}

/** Whether `node` is an object with a property naming a parameter that `counts`. */
function hasRuleParameter(node: AST.JSONExpression | null, counts: (parameter: ParameterDescriptor, value: AST.JSONExpression) => boolean): boolean {
  if (node?.type !== "JSONObjectExpression") return false;
  return node.properties.some((property) => {
    const parameter = findParameter(keyName(property.key));
    return parameter !== undefined && counts(parameter, property.value);
  });
}

const RESOURCE_NAME = "resourcename";
const DSC_RESOURCE = DSC_RESOURCE_NAME.toLowerCase();

/** The `ResourceName` property, matched case-insensitively. */
function resourceNameProperty(node: AST.JSONObjectExpression): AST.JSONProperty | undefined {
  // Every property of every rule object is asked (is the file a DSC report?): a key of another
  // length is passed over without building its name.
  for (const property of node.properties) {
    const { key } = property;
    const text = key.type === "JSONIdentifier" ? key.name : key.value;
    if (typeof text === "string" && text.length === RESOURCE_NAME.length && text.toLowerCase() === RESOURCE_NAME) return property;
  }
  return undefined;
}

/** The `ResourceName` of an entry of a Microsoft365DSC JSON report (of any resource), if it is one. */
function dscResourceOf(node: AST.JSONExpression | null): string | undefined {
  if (node?.type !== "JSONObjectExpression") return undefined;
  const resource = resourceNameProperty(node)?.value;
  return resource?.type === "JSONLiteral" && typeof resource.value === "string" ? resource.value : undefined;
}

function isDscReportEntry(node: AST.JSONExpression | null): node is AST.JSONObjectExpression {
  return dscResourceOf(node) !== undefined;
}

function isDscRuleEntry(node: AST.JSONExpression | null): node is AST.JSONObjectExpression {
  return dscResourceOf(node)?.trim().toLowerCase() === DSC_RESOURCE;
}

interface LocatedRules {
  readonly shape: RuleSetShape;
  /** The array holding the rules; `undefined` for a single rule or a `rules` that is no list. */
  readonly array: AST.JSONArrayExpression | undefined;
  readonly issues: readonly ModelIssue[];
}

const isRulesKey = (property: AST.JSONProperty): boolean => keyName(property.key).toLowerCase() === "rules";

function locateRules(root: AST.JSONExpression): LocatedRules | undefined {
  const located = locateShape(root);
  if (located) return located;
  const misplaced = misplacedRules(root);
  return misplaced && { shape: "misplaced-rules", array: undefined, issues: [misplaced] };
}

function locateShape(root: AST.JSONExpression): LocatedRules | undefined {
  if (root.type === "JSONArrayExpression") {
    if (root.elements.some(isDscReportEntry)) {
      return root.elements.some(isDscRuleEntry) ? { shape: "dsc-report", array: root, issues: [] } : undefined;
    }
    return root.elements.some(looksLikeCarRule) ? { shape: "array", array: root, issues: [] } : undefined;
  }
  if (root.type !== "JSONObjectExpression") return undefined;
  // Property names match case-insensitively (`"Rules"`, `"Value"`), as PowerShell's do.
  const valueProperty = root.properties.find(
    (property) => keyName(property.key).toLowerCase() === "value" && property.value.type === "JSONArrayExpression",
  );
  if (valueProperty && root.properties.some((property) => isAnnotationKey(keyName(property.key)))) {
    const array = valueProperty.value as AST.JSONArrayExpression;
    return array.elements.some(looksLikeCarRule) ? { shape: "admin-api", array, issues: [] } : undefined;
  }
  const rulesProperties = root.properties.filter(isRulesKey);
  if (rulesProperties.length === 0) {
    return looksLikeCarRule(root) ? { shape: "single-rule", array: undefined, issues: [] } : undefined;
  }
  const holdsRules = (property: AST.JSONProperty): boolean =>
    property.value.type === "JSONArrayExpression" ? property.value.elements.some(looksLikeCarRule) : looksLikeCarRule(property.value);
  if (!declaresOurSchema(root) && !rulesProperties.some(holdsRules)) {
    // `.eslintrc.json` has a `rules` object too: only a rule-like value makes this a CAR file.
    const anyList = rulesProperties.some((property) => property.value.type === "JSONArrayExpression");
    return !anyList && looksLikeCarRule(root) ? { shape: "single-rule", array: undefined, issues: [] } : undefined;
  }
  // JSON.parse and ConvertFrom-Json keep the last of two equal keys; so does the model, and says so.
  const kept = rulesProperties[rulesProperties.length - 1]!;
  const issues: ModelIssue[] = rulesProperties.slice(0, -1).map((ignored) => ({
    kind: "duplicate-rules-key",
    node: ignored.key,
    kept: kept.key,
    blocking: true,
  }));
  if (kept.value.type !== "JSONArrayExpression") {
    issues.push({ kind: "rules-not-a-list", node: kept.value, blocking: true });
    return { shape: "rules-object", array: undefined, issues };
  }
  return { shape: "rules-object", array: kept.value, issues };
}

function declaresOurSchema(root: AST.JSONObjectExpression): boolean {
  return root.properties.some(
    (property) =>
      keyName(property.key) === "$schema" &&
      property.value.type === "JSONLiteral" &&
      typeof property.value.value === "string" &&
      property.value.value.includes("client-access-rules"),
  );
}

/** Values a Microsoft365DSC report writes as the string "$null": read as null. */
const dscNullStrings = new WeakSet<AST.JSONExpression>();

function isUnset(node: AST.JSONExpression): boolean {
  if (node.type === "JSONLiteral") return node.value === null || node.value === "" || (node.value === "$null" && dscNullStrings.has(node));
  if (node.type === "JSONArrayExpression") return node.elements.length === 0;
  return false;
}

function stringValue(node: AST.JSONExpression): string | undefined {
  return node.type === "JSONLiteral" && typeof node.value === "string" ? node.value : undefined;
}

function numberValue(node: AST.JSONExpression): number | undefined {
  if (node.type === "JSONLiteral" && typeof node.value === "number") return node.value;
  if (
    node.type === "JSONUnaryExpression" &&
    node.operator === "-" &&
    node.argument.type === "JSONLiteral" &&
    typeof node.argument.value === "number"
  ) {
    return -node.argument.value;
  }
  return undefined;
}

const LIST_KINDS = new Set<string>([
  "protocol-list",
  "authentication-list",
  "ip-list",
  "port-list",
  "pattern-list",
  "group-list",
]);

const SPEC_FIELD_BY_PARAMETER: Readonly<Record<string, keyof RuleSpec>> = {
  AnyOfProtocols: "protocols",
  ExceptAnyOfProtocols: "exceptProtocols",
  AnyOfAuthenticationTypes: "authenticationTypes",
  ExceptAnyOfAuthenticationTypes: "exceptAuthenticationTypes",
  AnyOfClientIPAddressesOrRanges: "clientIps",
  ExceptAnyOfClientIPAddressesOrRanges: "exceptClientIps",
  AnyOfSourceTcpPortNumbers: "sourcePorts",
  ExceptAnyOfSourceTcpPortNumbers: "exceptSourcePorts",
  UsernameMatchesAnyOfPatterns: "usernamePatterns",
  ExceptUsernameMatchesAnyOfPatterns: "exceptUsernamePatterns",
  UserIsMemberOf: "groups",
  ExceptUserIsMemberOf: "exceptGroups",
};

export interface ReadRuleOptions {
  /** The object is an `EXOClientAccessRule` entry of a Microsoft365DSC JSON report. */
  readonly dscReportEntry?: boolean;
}

function ignoredPropertyName(key: string, options: ReadRuleOptions): string | undefined {
  const ignored = findIgnoredProperty(key);
  if (ignored) return ignored;
  if (isAnnotationKey(key)) return key;
  if (options.dscReportEntry) return DSC_REPORT_PROPERTIES.find((name) => name.toLowerCase() === key.toLowerCase());
  return undefined;
}

/** Reads one rule object. Exported for tests; rules use readRuleSet. */
export function readRule(node: AST.JSONObjectExpression, index: number, options: ReadRuleOptions = {}): CarRule {
  const issues: ModelIssue[] = [];
  const properties: RuleProperty[] = node.properties.map((property) => {
    const key = keyName(property.key);
    const parameter = findParameter(key);
    if (options.dscReportEntry && parameter && property.value.type === "JSONLiteral" && property.value.value === "$null") {
      dscNullStrings.add(property.value);
    }
    return {
      node: property,
      keyNode: property.key,
      key,
      valueNode: property.value,
      parameter,
      ignoredAs: parameter ? undefined : ignoredPropertyName(key, options),
    };
  });

  const firstByName = new Map<string, RuleProperty>();
  for (const property of properties) {
    const canonical = property.parameter?.name ?? property.ignoredAs;
    if (!canonical) {
      issues.push({
        kind: "unknown-parameter",
        property,
        cmdletOnly: CMDLET_ONLY_PARAMETERS.has(property.key.toLowerCase()),
        suggestions: closestMatches(property.key, KNOWN_PROPERTY_NAMES),
        blocking: true,
      });
      continue;
    }
    const first = firstByName.get(canonical);
    if (first) issues.push({ kind: "duplicate-parameter", property, parameter: canonical, first, blocking: true });
    else firstByName.set(canonical, property);
  }
  const get = (name: string): RuleProperty | undefined => firstByName.get(name);

  const absent = readEnsure(get("Ensure"), issues);
  const { name, nameNode } = readName(node, get("Name"), get("Identity"), issues);
  const action = readAction(node, get("Action"), issues);
  const priority = readPriority(get("Priority"), issues);
  const enabled = readEnabled(get("Enabled"), issues);
  const scope = readScope(get("Scope"), issues);

  const lists = new Map<string, ListValue<unknown>>();
  for (const property of firstByName.values()) {
    if (property.parameter && LIST_KINDS.has(property.parameter.kind)) {
      const list = readList(property.parameter, property, issues);
      if (list) lists.set(property.parameter.name, list);
    }
  }
  const recipientFilter = readRecipientFilter(get("UserRecipientFilter"), issues);
  readRejectedAuthentication(lists, get("AnyOfProtocols"), issues);

  const readable = name !== undefined && action !== undefined && !issues.some((issue) => issue.blocking);
  const spec = readable
    ? buildSpec({ index, name, action, priority, enabled, scope, lists, recipientFilter })
    : undefined;

  return {
    index,
    node,
    properties,
    absent,
    name,
    nameNode,
    action,
    priority,
    enabled,
    scope,
    lists,
    recipientFilter,
    issues,
    spec,
    get,
    list<K extends ListKind>(parameterName: string, kind: K) {
      const list = lists.get(parameterName);
      return list && list.parameter.kind === kind ? (list as ListValue<ListValueTypes[K]>) : undefined;
    },
  };
}

function buildSpec(parts: {
  index: number;
  name: string;
  action: Action;
  priority: number | undefined;
  enabled: boolean;
  scope: Scope;
  lists: ReadonlyMap<string, ListValue<unknown>>;
  recipientFilter: RecipientFilterValue | undefined;
}): RuleSpec {
  const spec: Record<string, unknown> = {
    index: parts.index,
    name: parts.name,
    priority: parts.priority,
    action: parts.action,
    enabled: parts.enabled,
    scope: parts.scope,
  };
  for (const [parameterName, list] of parts.lists) {
    const field = SPEC_FIELD_BY_PARAMETER[parameterName];
    if (!field) continue;
    const values: unknown[] = [];
    for (const item of list.items) if (item.value !== undefined) values.push(item.value);
    if (values.length > 0) spec[field] = values;
  }
  if (parts.recipientFilter?.normalized) spec["recipientFilter"] = parts.recipientFilter.normalized;
  return spec as unknown as RuleSpec;
}

function readEnsure(property: RuleProperty | undefined, issues: ModelIssue[]): boolean {
  if (!property || isUnset(property.valueNode)) return false;
  const text = stringValue(property.valueNode);
  if (text === undefined) {
    issues.push({ kind: "wrong-type", node: property.valueNode, parameter: "Ensure", expected: "a string", blocking: true });
    return false;
  }
  const canonical = ENSURE_VALUES.find((value) => value.toLowerCase() === text.trim().toLowerCase());
  if (!canonical) {
    issues.push({
      kind: "invalid-enum",
      node: property.valueNode,
      parameter: "Ensure",
      value: text,
      allowed: ENSURE_VALUES,
      suggestions: closestMatches(text, ENSURE_VALUES),
      inCommaList: false,
      blocking: true,
    });
    return false;
  }
  if (canonical !== text) {
    issues.push({ kind: "enum-case", node: property.valueNode, parameter: "Ensure", value: text, canonical, blocking: false });
  }
  return canonical === "Absent";
}

function readName(
  ruleNode: AST.JSONObjectExpression,
  nameProperty: RuleProperty | undefined,
  identityProperty: RuleProperty | undefined,
  issues: ModelIssue[],
): { name: string | undefined; nameNode: AST.JSONExpression | undefined } {
  if (nameProperty && !isUnset(nameProperty.valueNode)) {
    const text = stringValue(nameProperty.valueNode);
    if (text === undefined || text.trim() === "") {
      issues.push({
        kind: "wrong-type",
        node: nameProperty.valueNode,
        parameter: "Name",
        expected: "a non-empty string",
        blocking: true,
      });
      return { name: undefined, nameNode: nameProperty.valueNode };
    }
    return { name: text, nameNode: nameProperty.valueNode };
  }
  // Microsoft365DSC keys rules by Identity, and exports carry Identity as the rule's name.
  const identity = identityProperty ? stringValue(identityProperty.valueNode) : undefined;
  if (identity !== undefined && identity.trim() !== "") return { name: identity, nameNode: identityProperty!.valueNode };
  issues.push({ kind: "missing-name", node: ruleNode, blocking: true });
  return { name: undefined, nameNode: undefined };
}

function isNullLiteral(node: AST.JSONExpression): boolean {
  return node.type === "JSONLiteral" && node.value === null;
}

/**
 * Reads one enum value written as a name (any case, or an alias) or as its integer value,
 * recording the issue that valid-schema reports for it.
 */
function readEnumValue(
  enumName: EnumName,
  node: AST.JSONExpression,
  parameterName: string,
  issues: ModelIssue[],
  text: string | undefined,
  inCommaList: boolean,
): string | undefined {
  const number = text === undefined ? numberValue(node) : undefined;
  if (number !== undefined) {
    const canonical = Number.isInteger(number) ? NUMERIC_ENUMS[enumName][number] : undefined;
    if (canonical) {
      issues.push({ kind: "numeric-enum", node, parameter: parameterName, value: number, canonical, blocking: false });
      return canonical;
    }
    issues.push({
      kind: "invalid-enum",
      node,
      parameter: parameterName,
      value: String(number),
      allowed: ENUM_VALUES[enumName],
      suggestions: [],
      inCommaList,
      blocking: true,
    });
    return undefined;
  }
  if (text === undefined) {
    issues.push({ kind: "wrong-type", node, parameter: parameterName, expected: "a string", blocking: true });
    return undefined;
  }
  const trimmed = text.trim();
  const canonical = findEnumValue(enumName, trimmed);
  if (canonical) {
    if (canonical !== text && !inCommaList) {
      issues.push({ kind: "enum-case", node, parameter: parameterName, value: text, canonical, blocking: false });
    }
    return canonical;
  }
  const alias = enumName === "action" ? ACTION_ALIASES.get(trimmed.toLowerCase()) : undefined;
  if (alias) {
    if (!inCommaList) {
      issues.push({ kind: "enum-alias", node, parameter: parameterName, value: text, canonical: alias, blocking: false });
    }
    return alias;
  }
  issues.push({
    kind: "invalid-enum",
    node,
    parameter: parameterName,
    value: text,
    allowed: ENUM_VALUES[enumName],
    suggestions: closestMatches(trimmed, ENUM_VALUES[enumName]),
    inCommaList,
    blocking: true,
  });
  return undefined;
}

function readAction(
  ruleNode: AST.JSONObjectExpression,
  property: RuleProperty | undefined,
  issues: ModelIssue[],
): Action | undefined {
  if (!property || isUnset(property.valueNode)) {
    issues.push({ kind: "missing-action", node: ruleNode, blocking: true });
    return undefined;
  }
  const node = property.valueNode;
  return readEnumValue("action", node, "Action", issues, stringValue(node), false) as Action | undefined;
}

function readPriority(property: RuleProperty | undefined, issues: ModelIssue[]): number | undefined {
  if (!property || isUnset(property.valueNode)) return undefined;
  const value = numberValue(property.valueNode);
  if (value !== undefined && Number.isSafeInteger(value) && value >= 0) return value;
  issues.push({ kind: "invalid-priority", node: property.valueNode, blocking: true });
  return undefined;
}

function readEnabled(property: RuleProperty | undefined, issues: ModelIssue[]): boolean {
  if (!property || isUnset(property.valueNode)) return true;
  const node = property.valueNode;
  if (node.type === "JSONLiteral" && typeof node.value === "boolean") return node.value;
  issues.push({ kind: "invalid-enabled", node, blocking: true });
  return true;
}

function readScope(property: RuleProperty | undefined, issues: ModelIssue[]): Scope {
  if (!property || isUnset(property.valueNode)) return "All";
  const node = property.valueNode;
  return (readEnumValue("scope", node, property.parameter!.name, issues, stringValue(node), false) as Scope) ?? "All";
}

function enumNameOf(kind: ListKind): EnumName | undefined {
  if (kind === "protocol-list") return "protocol";
  if (kind === "authentication-list") return "authenticationType";
  return undefined;
}

/**
 * The authentication-type conditions New-ClientAccessRule refuses, whatever their values: a rule
 * with them is never created, so it is left out of the analysis. A protocol list the model could
 * not read still counts as one (valid-schema reports it).
 */
function readRejectedAuthentication(
  lists: ReadonlyMap<string, ListValue<unknown>>,
  protocols: RuleProperty | undefined,
  issues: ModelIssue[],
): void {
  const anyOf = lists.get("AnyOfAuthenticationTypes");
  const except = lists.get("ExceptAnyOfAuthenticationTypes");
  if (except && !anyOf) {
    issues.push({ kind: "rejected-authentication", node: except.property.keyNode, parameter: "ExceptAnyOfAuthenticationTypes", reason: "except-alone", blocking: true });
  }
  if (protocols && !isUnset(protocols.valueNode)) return;
  for (const [parameter, list] of [["AnyOfAuthenticationTypes", anyOf], ["ExceptAnyOfAuthenticationTypes", except]] as const) {
    if (list) issues.push({ kind: "rejected-authentication", node: list.property.valueNode, parameter, reason: "without-protocols", blocking: true });
  }
}

function readList(
  parameter: ParameterDescriptor,
  property: RuleProperty,
  issues: ModelIssue[],
): ListValue<unknown> | undefined {
  const node = property.valueNode;
  if (isUnset(node)) return undefined;
  const kind = parameter.kind as ListKind;
  const items: ListItem<unknown>[] = [];
  if (node.type === "JSONArrayExpression") {
    for (const element of node.elements) {
      if (element) readListElement(kind, parameter.name, element, false, items, issues);
    }
    return { parameter, property, array: node, items };
  }
  const isScalarItem = stringValue(node) !== undefined || numberValue(node) !== undefined;
  if (!isScalarItem) {
    issues.push({ kind: "wrong-type", node, parameter: parameter.name, expected: "a list of strings", blocking: true });
    return undefined;
  }
  readListElement(kind, parameter.name, node, true, items, issues);
  return { parameter, property, array: undefined, items };
}

function readListElement(
  kind: ListKind,
  parameterName: string,
  node: AST.JSONExpression,
  standalone: boolean,
  items: ListItem<unknown>[],
  issues: ModelIssue[],
): void {
  const text = stringValue(node);
  if (text !== undefined && text.includes(",")) {
    const pieces = text.split(",").map((piece) => piece.trim());
    const named = pieces.filter((piece) => piece !== "");
    // A group's display or distinguished name may hold commas, and Exchange takes one quoted
    // string as one value: it is read as written, and a split is only ever suggested.
    const readAsOneValue = kind === "group-list" || kind === "pattern-list";
    const commaList = (): ModelIssue => ({
      kind: "comma-list",
      node: node as AST.JSONStringLiteral,
      parameter: parameterName,
      items: named,
      standalone,
      readAsOneValue,
      blocking: false,
    });
    if (readAsOneValue) {
      if (!looksLikeDistinguishedName(text) && named.length > 1) issues.push(commaList());
    } else {
      if (named.length === 0) {
        issues.push({ kind: "wrong-type", node, parameter: parameterName, expected: "a non-empty string", blocking: true });
        return;
      }
      issues.push(commaList());
      for (const piece of named) {
        items.push({ node, text: piece, value: readItemValue(kind, parameterName, node, piece, true, issues), fromCommaList: true });
      }
      return;
    }
  }
  const number = numberValue(node);
  if (text === undefined && number === undefined) {
    issues.push({ kind: "wrong-type", node, parameter: parameterName, expected: "a string", blocking: true });
    return;
  }
  if (text !== undefined && text.trim() === "") {
    issues.push({ kind: "wrong-type", node, parameter: parameterName, expected: "a non-empty string", blocking: true });
    return;
  }
  const itemText = text !== undefined ? text.trim() : String(number);
  if (text !== undefined && itemText !== text && enumNameOf(kind) === undefined) {
    // Read without the spaces, like a padded enum value; the finding makes the file say so too.
    issues.push({ kind: "padded-value", node, parameter: parameterName, value: text, canonical: itemText, blocking: false });
  }
  items.push({
    node,
    text: itemText,
    value: readItemValue(kind, parameterName, node, text, false, issues),
    fromCommaList: false,
  });
}

/** `CN=Sales,OU=Groups,DC=contoso,DC=com`: every comma-separated piece is an `attribute=value` pair. */
function looksLikeDistinguishedName(text: string): boolean {
  return text.split(",").every((piece) => /^\s*[A-Za-z][\w-]*\s*=/.test(piece));
}

/** `text` is the item's string, or `undefined` when the element is a number. */
function readItemValue(
  kind: ListKind,
  parameterName: string,
  node: AST.JSONExpression,
  text: string | undefined,
  inCommaList: boolean,
  issues: ModelIssue[],
): unknown {
  const enumName = enumNameOf(kind);
  if (enumName) return readEnumValue(enumName, node, parameterName, issues, text, inCommaList);
  if (kind === "port-list") return readPort(node, text, issues);
  if (text === undefined) {
    issues.push({ kind: "wrong-type", node, parameter: parameterName, expected: "a string", blocking: true });
    return undefined;
  }
  if (kind === "ip-list") {
    const parsed = parseIpEntry(text);
    if (parsed.ok) return parsed.range satisfies IpRange;
    issues.push({
      kind: "invalid-ip",
      node,
      parameter: parameterName,
      text: text.trim(),
      message: parsed.message,
      ...(parsed.undocumented ? { undocumented: true as const } : {}),
      blocking: true,
    });
    return undefined;
  }
  if (text.includes(UNDECODABLE_CHARACTER)) {
    issues.push({ kind: "undecodable-value", node, parameter: parameterName, value: text.trim(), blocking: true });
    return undefined;
  }
  return text.trim().toLowerCase();
}

const PORT_PATTERN = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function readPort(node: AST.JSONExpression, text: string | undefined, issues: ModelIssue[]): PortRange | undefined {
  const source = text === undefined ? String(numberValue(node)) : text.trim();
  const match = PORT_PATTERN.exec(source);
  if (match) {
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (first >= 1 && last <= 65535 && first <= last) return { first, last };
  }
  issues.push({ kind: "invalid-port", node, text: source, blocking: true });
  return undefined;
}

function readRecipientFilter(property: RuleProperty | undefined, issues: ModelIssue[]): RecipientFilterValue | undefined {
  if (!property || isUnset(property.valueNode)) return undefined;
  const node = property.valueNode;
  const text = stringValue(node);
  if (text === undefined) {
    issues.push({ kind: "wrong-type", node, parameter: "UserRecipientFilter", expected: "a string", blocking: true });
    return undefined;
  }
  const stringNode = node as AST.JSONStringLiteral;
  if (text.includes(UNDECODABLE_CHARACTER)) {
    issues.push({ kind: "undecodable-value", node, parameter: "UserRecipientFilter", value: text, blocking: true });
    return { property, node: stringNode, text, normalized: undefined };
  }
  const parsed = parseRecipientFilter(text);
  if (!parsed.ok || parsed.problems.length > 0) {
    issues.push({ kind: "invalid-recipient-filter", node: stringNode, problems: parsed.problems, blocking: true });
    return { property, node: stringNode, text, normalized: undefined };
  }
  for (const chain of parsed.mixedChains) {
    issues.push({ kind: "mixed-recipient-filter", node: stringNode, ...chain, blocking: false });
  }
  return { property, node: stringNode, text, normalized: parsed.normalized };
}
