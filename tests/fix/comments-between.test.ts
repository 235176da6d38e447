import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commentsBetween } from "../../lib/fix/source.ts";
import { sourceCodeOf } from "./run-fix.ts";

/** The definition: every comment whose whole range lies inside `[start, end)`, in source order. */
function byFilter(comments: readonly { range: [number, number] }[], start: number, end: number) {
  return comments.filter((comment) => comment.range[0] >= start && comment.range[1] <= end);
}

describe("commentsBetween", () => {
  const code = ["[ // a", "  1, /* b */ 2,", "  /* c", "  */ 3 // d", "]"].join("\n");
  const sourceCode = sourceCodeOf(code);
  const comments = sourceCode.getAllComments() as unknown as { range: [number, number]; value: string }[];
  const values = (start: number, end: number) => commentsBetween(sourceCode, start, end).map((comment) => comment.value.trim());

  it("finds the comments wholly inside the range, not those it cuts", () => {
    const [a, b, c, d] = comments;
    expect(values(0, code.length)).toEqual(["a", "b", "c", "d"]);
    expect(values(a!.range[1], d!.range[0])).toEqual(["b", "c"]);
    // A range starting or ending inside a comment leaves that comment out.
    expect(values(b!.range[0] + 1, c!.range[1])).toEqual(["c"]);
    expect(values(b!.range[0], c!.range[1] - 1)).toEqual(["b"]);
    expect(values(c!.range[1], d!.range[0])).toEqual([]);
  });

  it("agrees with filtering every comment, for any range", () => {
    fc.assert(
      fc.property(fc.nat({ max: code.length + 2 }), fc.nat({ max: code.length + 2 }), (start, end) => {
        expect(commentsBetween(sourceCode, start, end)).toEqual(byFilter(comments, start, end));
      }),
    );
  });
});
