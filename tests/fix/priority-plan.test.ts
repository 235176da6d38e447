import { parseJSON } from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import { readRuleSet, type RuleSetModel } from "../../lib/model/index.ts";
import { MAX_RENUMBERED_RULES, describePlan, planPriority, type Placement } from "../../lib/fix/rule-edits.ts";

/** A rule file whose rules have these priorities (in file order), named by their position. */
function file(...priorities: Array<number | undefined>): RuleSetModel {
  const rules = priorities.map((priority, index) =>
    JSON.stringify({ Name: `r${index}`, Action: "DenyAccess", AnyOfProtocols: ["POP3"], ...(priority === undefined ? {} : { Priority: priority }) }),
  );
  return readRuleSet(parseJSON(`[${rules.join(",\n")}]`))!;
}

/** The plan as `{ priority, renumbered: { name: newPriority } }`. */
function plan(ruleSet: RuleSetModel, placement: (rules: RuleSetModel["rules"]) => Placement, moving?: number) {
  const result = planPriority(ruleSet, placement(ruleSet.rules), moving === undefined ? undefined : ruleSet.rules[moving]);
  if (!result) return undefined;
  return {
    priority: result.priority,
    renumbered: Object.fromEntries(result.renumbered.map(({ rule, priority }) => [rule.name, priority])),
    text: describePlan(result),
  };
}

describe("planPriority", () => {
  it("uses a gap in the numbering without renumbering anything", () => {
    expect(plan(file(10, 20, 30), (rules) => ({ before: rules[1]! }))).toEqual({
      priority: 19,
      renumbered: {},
      text: ", as Priority 19; no other rule is renumbered",
    });
    expect(plan(file(1, 2, 3), () => "first")).toMatchObject({ priority: 0, renumbered: {} });
    expect(plan(file(1, 2, 3), (rules) => ({ after: rules[2]! }))).toMatchObject({ priority: 4, renumbered: {} });
  });

  it("renumbers only the contiguous run that must move, down", () => {
    // 1 2 3 4 5 _ 7: inserting before 4 moves 4 and 5 into the free 6 (moving 1–3 up would move
    // three); 7 stays.
    expect(plan(file(1, 2, 3, 4, 5, 7), (rules) => ({ before: rules[3]! }))).toEqual({
      priority: 4,
      renumbered: { r3: 5, r4: 6 },
      text: ", as Priority 4; renumbers Priority 4–5 to 5–6",
    });
  });

  it("renumbers up instead when that moves fewer rules", () => {
    // 1 2 3 4 5 6 7 8: before 3, moving 1–2 up (into 0) beats moving 3–8 down.
    expect(plan(file(1, 2, 3, 4, 5, 6, 7, 8), (rules) => ({ before: rules[2]! }))).toEqual({
      priority: 2,
      renumbered: { r0: 0, r1: 1 },
      text: ", as Priority 2; renumbers Priority 1–2 to 0–1",
    });
  });

  it("never goes below 0", () => {
    expect(plan(file(0, 1, 2), () => "first")).toMatchObject({ priority: 0, renumbered: { r0: 1, r1: 2, r2: 3 } });
  });

  it("lets a moved rule's own Priority be the room", () => {
    // Moving r3 (3) above r1 (1): 1 and 2 move down into 2 and the freed 3, r3 takes 1; r4 stays.
    expect(plan(file(0, 1, 2, 3, 4), (rules) => ({ before: rules[1]! }), 3)).toMatchObject({
      priority: 1,
      renumbered: { r1: 2, r2: 3 },
    });
    expect(plan(file(1, 5, 9), (rules) => ({ before: rules[1]! }), 2)).toMatchObject({ priority: 4, renumbered: {} });
  });

  it("follows the evaluation order, not the file order", () => {
    expect(plan(file(3, 1, 2), (rules) => ({ before: rules[0]! }))).toMatchObject({ priority: 3, renumbered: { r0: 4 } });
  });

  it("spreads tied priorities only as far as needed", () => {
    // Tied priorities: the later rule in the file goes first (r1, then r0, then r2).
    expect(plan(file(1, 1, 2), (rules) => ({ before: rules[0]! }))).toMatchObject({
      priority: 2,
      renumbered: { r0: 3, r2: 4 },
      text: ", as Priority 2; renumbers Priority 1–2 to 3–4",
    });
  });

  it("gives no Priority next to a rule without one", () => {
    expect(plan(file(1, undefined), (rules) => ({ before: rules[1]! }))).toEqual({ priority: undefined, renumbered: {}, text: "" });
    expect(plan(file(undefined, undefined), () => "first")).toMatchObject({ priority: undefined });
  });

  it("offers nothing that would renumber more than the bound, so suggestions never grow with the file", () => {
    const contiguous = (count: number) => file(...Array.from({ length: count }, (_, index) => index));
    expect(plan(contiguous(MAX_RENUMBERED_RULES), () => "first")?.priority).toBe(0);
    expect(plan(contiguous(MAX_RENUMBERED_RULES + 1), () => "first")).toBeUndefined();
    // In the middle of 1..1000 neither direction fits; near either end one does.
    const big = file(...Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(plan(big, (rules) => ({ before: rules[500]! }))).toBeUndefined();
    expect(plan(big, (rules) => ({ before: rules[5]! }))?.renumbered).toEqual({ r0: 0, r1: 1, r2: 2, r3: 3, r4: 4 });
    expect(plan(big, (rules) => ({ before: rules[990]! }))).toMatchObject({ priority: 991, renumbered: { r999: 1001 } });
  });

  it("offers nothing whose edits would lie far apart in the file (ESLint merges them, text between included)", () => {
    const spaced = file(...Array.from({ length: 100 }, (_, index) => 10 * (index + 1)));
    // A gap: only the moved rule's Priority changes, but it sits 90 rules away from its new neighbours.
    expect(plan(spaced, (rules) => ({ before: rules[5]! }), 95)).toBeUndefined();
    expect(plan(spaced, (rules) => ({ before: rules[5]! }), 15)).toMatchObject({ priority: 59, renumbered: {} });
  });
});
