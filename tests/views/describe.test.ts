import { describe, expect, it } from "vitest";
import type { Connection } from "../../lib/analysis/index.ts";
import { describeWitness, describeWitnessUser } from "../../lib/views/describe.ts";

const base: Connection = {
  protocol: "REST",
  authenticationType: "OAuthAuthentication",
  ip: "198.51.100.23",
  port: 443,
  user: { name: "contoso.com\\alex" },
  middleTier: false,
};

describe("describeWitnessUser", () => {
  it("is the user name alone when the witness needs nothing else", () => {
    expect(describeWitnessUser(base)).toBe("contoso.com\\alex");
    expect(describeWitnessUser({ ...base, user: { name: "contoso.com\\alex", groups: [], attributes: { City: "" } } })).toBe("contoso.com\\alex");
  });

  it("names the groups, the attributes and a middle-tier connection the finding depends on", () => {
    const witness: Connection = {
      ...base,
      user: { name: "contoso.com\\alex", groups: ["sales-team", "emea"], attributes: { City: "redmond", Company: "contoso" } },
      middleTier: true,
    };
    expect(describeWitnessUser(witness)).toBe(
      "contoso.com\\alex (member of sales-team, emea; City 'redmond', Company 'contoso'; as a middle-tier application)",
    );
    expect(describeWitness(witness)).toBe(
      "contoso.com\\alex (member of sales-team, emea; City 'redmond', Company 'contoso'; as a middle-tier application) connecting from 198.51.100.23",
    );
  });
});
