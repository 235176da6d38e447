import fc from "fast-check";
import { parseJSON } from "jsonc-eslint-parser";
import { describe, expect, it } from "vitest";
import { readRuleSet, type RuleSetModel } from "../../lib/model/index.ts";
import { sortByEvaluationOrder } from "../../lib/model/rule-spec.ts";
import { MAX_RENUMBERED_RULES, describePlan, planPriority, renumberedCount, type Placement } from "../../lib/fix/rule-edits.ts";

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
    expect(plan(file(2, 3, 4), () => "first")).toMatchObject({ priority: 1, renumbered: {} });
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
    // 3 4 5 6 7 8 9 10: before 5, moving 3–4 up (into the free 2) beats moving 5–10 down.
    expect(plan(file(3, 4, 5, 6, 7, 8, 9, 10), (rules) => ({ before: rules[2]! }))).toEqual({
      priority: 4,
      renumbered: { r0: 2, r1: 3 },
      text: ", as Priority 4; renumbers Priority 3–4 to 2–3",
    });
  });

  // car-reference.md §2.2: 1 is the highest priority in Microsoft's procedures, examples and
  // exports, and the cmdlet appends a rule given 0 at the end.
  describe("never writes Priority 0 into a file numbered from 1", () => {
    it("inserts first as Priority 1 and moves the others down", () => {
      expect(plan(file(1, 2, 3), () => "first")).toEqual({
        priority: 1,
        renumbered: { r0: 2, r1: 3, r2: 4 },
        text: ", as Priority 1; renumbers Priority 1–3 to 2–4",
      });
    });

    it("moves a rule above Priority 1 by taking 1 and moving the others down", () => {
      expect(plan(file(1, 2, 3), (rules) => ({ before: rules[0]! }), 2)).toEqual({
        priority: 1,
        renumbered: { r0: 2, r1: 3 },
        text: ", as Priority 1; renumbers Priority 1–2 to 2–3",
      });
    });

    it("renumbers down when 1 and 2 are taken, even where moving up would move fewer rules", () => {
      expect(plan(file(1, 2, 3), (rules) => ({ before: rules[1]! }))).toEqual({
        priority: 2,
        renumbered: { r1: 3, r2: 4 },
        text: ", as Priority 2; renumbers Priority 2–3 to 3–4",
      });
      // 1 2 3 4 5 6 7 8: before 3, moving 1–2 up would need 0: 3–8 move down instead.
      expect(plan(file(1, 2, 3, 4, 5, 6, 7, 8), (rules) => ({ before: rules[2]! }))).toEqual({
        priority: 3,
        renumbered: { r2: 4, r3: 5, r4: 6, r5: 7, r6: 8, r7: 9 },
        text: ", as Priority 3; renumbers Priority 3–8 to 4–9",
      });
    });

    it("looks at the lowest number, wherever it is in the file, and not at Ensure Absent rules", () => {
      expect(plan(file(5, 1, 3), () => "first")).toMatchObject({ priority: 1, renumbered: { r1: 2 } });
      const absentZero = readRuleSet(
        parseJSON(
          `[{ "Identity": "gone", "Ensure": "Absent", "Action": "DenyAccess", "Priority": 0 },
            { "Identity": "r1", "Ensure": "Present", "Action": "DenyAccess", "AnyOfProtocols": ["POP3"], "Priority": 1 }]`,
        ),
      )!;
      expect(plan(absentZero, () => "first")).toMatchObject({ priority: 1, renumbered: { r1: 2 } });
    });
  });

  describe("may write Priority 0 into a file that already numbers from 0, never below", () => {
    it("inserts first as Priority 0", () => {
      expect(plan(file(0, 1, 2), () => "first")).toEqual({
        priority: 0,
        renumbered: { r0: 1, r1: 2, r2: 3 },
        text: ", as Priority 0; renumbers Priority 0–2 to 1–3",
      });
    });

    it("moves rules up into a 0 that the moved rule frees", () => {
      // Moving r0 (0) above r2 (2): r1 moves up into the freed 0 rather than 2–6 moving down.
      expect(plan(file(0, 1, 2, 3, 4, 5, 6), (rules) => ({ before: rules[2]! }), 0)).toEqual({
        priority: 1,
        renumbered: { r1: 0 },
        text: ", as Priority 1; renumbers Priority 1 to 0",
      });
      // The same moves in a file numbered from 1 stop at 1.
      expect(plan(file(1, 2, 3, 4, 5, 6, 7), (rules) => ({ before: rules[2]! }), 0)).toMatchObject({
        priority: 2,
        renumbered: { r1: 1 },
      });
    });
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
    expect(plan(big, (rules) => ({ before: rules[990]! }))).toMatchObject({ priority: 991, renumbered: { r999: 1001 } });
    // Near the top there is no room above 1, and 995 rules would have to move down.
    expect(plan(big, (rules) => ({ before: rules[5]! }))).toBeUndefined();
    const fromSix = file(...Array.from({ length: 1000 }, (_, index) => index + 6));
    expect(plan(fromSix, (rules) => ({ before: rules[5]! }))?.renumbered).toEqual({ r0: 5, r1: 6, r2: 7, r3: 8, r4: 9 });
  });

  it("offers nothing whose edits would lie far apart in the file (ESLint merges them, text between included)", () => {
    const spaced = file(...Array.from({ length: 100 }, (_, index) => 10 * (index + 1)));
    // A gap: only the moved rule's Priority changes, but it sits 90 rules away from its new neighbours.
    expect(plan(spaced, (rules) => ({ before: rules[5]! }), 95)).toBeUndefined();
    expect(plan(spaced, (rules) => ({ before: rules[5]! }), 15)).toMatchObject({ priority: 59, renumbered: {} });
  });

  it("for any numbering: writes nothing below the file's base, puts the rule where asked and keeps every other rule's order", () => {
    const numberings = fc.oneof(
      // Ties, gaps and missing numbers.
      fc.array(fc.option(fc.nat({ max: 12 }), { freq: 6, nil: undefined }), { minLength: 1, maxLength: 12 }),
      // What exports and desired-state files look like: a shuffled 1..n or 0..n-1.
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1)).chain(([count, from]) =>
        fc.shuffledSubarray(
          Array.from({ length: count }, (_, index) => index + from),
          { minLength: count, maxLength: count },
        ),
      ),
    );
    const cases = numberings.chain((priorities) =>
      fc.record({
        priorities: fc.constant(priorities),
        placement: fc.oneof(
          fc.constant<"first">("first"),
          fc.record({ side: fc.constantFrom("before", "after"), anchor: fc.nat({ max: priorities.length - 1 }) }),
        ),
        moving: fc.option(fc.nat({ max: priorities.length - 1 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ priorities, placement, moving }) => {
        const ruleSet = file(...priorities);
        const rules = ruleSet.rules;
        const anchor = placement === "first" ? undefined : rules[placement.anchor]!;
        const movingRule = moving === undefined ? undefined : rules[moving]!;
        if (anchor && (anchor === movingRule || anchor.priority === undefined)) return;
        if (!anchor && rules.every((rule, index) => rule.priority === undefined || index === moving)) return;
        const afterAnchor = anchor !== undefined && placement !== "first" && placement.side === "after";
        const where: Placement = !anchor ? "first" : afterAnchor ? { after: anchor } : { before: anchor };
        const result = planPriority(ruleSet, where, movingRule);
        // A file no larger than the bound always gets a plan (renumbering down always fits).
        expect(result).toBeDefined();
        expect(result!.priority).toBeDefined();

        const base = priorities.includes(0) ? 0 : 1;
        const written = [result!.priority!, ...result!.renumbered.map(({ priority }) => priority)];
        expect(Math.min(...written)).toBeGreaterThanOrEqual(base);

        // The evaluation order asked for: the numbered rules (the moving one taken out), with the new rule spliced in.
        const others = sortByEvaluationOrder(rules.filter((rule) => rule.priority !== undefined && rule !== movingRule));
        const position = !anchor ? 0 : others.indexOf(anchor) + (afterAnchor ? 1 : 0);
        const expected = [...others.slice(0, position).map((rule) => rule.name), "new", ...others.slice(position).map((rule) => rule.name)];
        // The order after applying the plan, ties broken by file order as the model does (the new
        // rule written next to its anchor, or first).
        const renumbered = new Map(result!.renumbered.map(({ rule, priority }) => [rule, priority]));
        const after = [
          ...others.map((rule) => ({ name: rule.name, priority: renumbered.get(rule) ?? rule.priority, index: rule.index })),
          { name: "new", priority: result!.priority, index: !anchor ? -0.5 : anchor.index + (afterAnchor ? 0.5 : -0.5) },
        ];
        const order = sortByEvaluationOrder(after);
        expect(order.map(({ name }) => name)).toEqual(expected);
        // The new rule's place does not hang on a tie: its neighbours' numbers are strictly below and above.
        const newPosition = order.findIndex(({ name }) => name === "new");
        if (newPosition > 0) expect(order[newPosition - 1]!.priority!).toBeLessThan(result!.priority!);
        if (newPosition < order.length - 1) expect(order[newPosition + 1]!.priority!).toBeGreaterThan(result!.priority!);
      }),
      { numRuns: 300 },
    );
  });

  it("renumberedCount, which weighs places without building plans, counts what planPriority renumbers", () => {
    // Numberings up to twice the bound, contiguous runs included, so that some places get no plan.
    const cases = fc.record({
      priorities: fc.oneof(
        fc.array(fc.option(fc.nat({ max: 50 }), { freq: 8, nil: undefined }), { minLength: 1, maxLength: 2 * MAX_RENUMBERED_RULES + 4 }),
        fc.tuple(fc.integer({ min: 1, max: 2 * MAX_RENUMBERED_RULES + 4 }), fc.nat({ max: 3 })).map(([count, from]) =>
          Array.from({ length: count }, (_, index) => index + from),
        ),
      ),
      side: fc.constantFrom("before", "after", "first"),
      anchor: fc.nat(),
      moving: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(cases, ({ priorities, side, anchor, moving }) => {
        const ruleSet = file(...priorities);
        const rules = ruleSet.rules;
        const target = rules[anchor % rules.length]!;
        const movingRule = moving === undefined ? undefined : rules[moving % rules.length];
        if (target === movingRule) return;
        const where: Placement = side === "first" ? "first" : side === "before" ? { before: target } : { after: target };
        expect(renumberedCount(ruleSet, where, movingRule)).toBe(planPriority(ruleSet, where, movingRule)?.renumbered.length);
      }),
      { numRuns: 500 },
    );
  });

  it("describePlan says what the plain definition says, for any renumbering", () => {
    /** The definition: spans when every rule moves by the same amount and no two share a number. */
    const described = (priority: number, moves: ReadonlyArray<{ old: number; new: number }>): string => {
      if (moves.length === 0) return `, as Priority ${priority}; no other rule is renumbered`;
      const olds = moves.map((move) => move.old);
      const news = moves.map((move) => move.new);
      const span = (values: number[]) => (Math.min(...values) === Math.max(...values) ? `${values[0]}` : `${Math.min(...values)}–${Math.max(...values)}`);
      const uniform = moves.every((move) => move.new - move.old === news[0]! - olds[0]!) && new Set(olds).size === olds.length;
      return uniform
        ? `, as Priority ${priority}; renumbers Priority ${span(olds)} to ${span(news)}`
        : `, as Priority ${priority}; renumbers ${moves.length} rules between Priority ${Math.min(...olds)} and ${Math.max(...olds)}`;
    };
    const move = fc.record({ old: fc.nat({ max: 6 }), new: fc.nat({ max: 6 }) });
    // Most plans move every rule by the same amount: ascending, with ties, or in any order.
    const shifted = fc
      .tuple(fc.array(fc.nat({ max: 12 }), { maxLength: 8 }), fc.integer({ min: -3, max: 3 }), fc.boolean())
      .map(([olds, shift, sorted]) => (sorted ? [...olds].sort((a, b) => a - b) : olds).map((old) => ({ old: old + 3, new: old + 3 + shift })));
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.oneof(fc.array(move, { maxLength: 8 }), shifted), (priority, moves) => {
        const ruleSet = file(...moves.map((each) => each.old));
        const renumbered = moves.map((each, index) => ({ rule: ruleSet.rules[index]!, priority: each.new }));
        expect(describePlan({ priority, renumbered })).toBe(described(priority, moves));
      }),
      { numRuns: 1000 },
    );
  });
});
