import { describe, expect, it } from "vitest";
import {
  findingsFilterToQuery,
  fleetFilterToQuery,
  parseFindingsFilter,
  parseFleetFilter,
} from "./url-filters";

describe("fleet URL filter", () => {
  it("round-trips every field", () => {
    const filter = {
      healths: ["critical", "stale"] as const,
      groups: ["rack-a", "db"],
      ruleId: "loop.on_nfs",
      text: "stor",
    };
    const query = fleetFilterToQuery({ ...filter, healths: [...filter.healths] });
    expect(query).toBe("health=critical%2Cstale&group=rack-a%2Cdb&rule=loop.on_nfs&q=stor");
    expect(parseFleetFilter(new URLSearchParams(query))).toEqual({
      ...filter,
      healths: [...filter.healths],
    });
  });

  it("drops unknown healths and malformed rule ids instead of trusting them", () => {
    const parsed = parseFleetFilter(
      new URLSearchParams("health=critical,bogus,,&rule=x;drop table&q="),
    );
    expect(parsed).toEqual({ healths: ["critical"], groups: [], ruleId: null, text: "" });
    expect(fleetFilterToQuery(parsed)).toBe("health=critical");
  });
});

describe("findings URL filter", () => {
  it("defaults to unresolved by severity and keeps the URL short for defaults", () => {
    const parsed = parseFindingsFilter(new URLSearchParams(""));
    expect(parsed).toEqual({
      state: "unresolved",
      severities: [],
      hostName: null,
      ruleId: null,
      text: "",
      sort: "severity",
    });
    expect(findingsFilterToQuery(parsed)).toBe("");
  });

  it("round-trips a full filter and rejects unknown states and sorts", () => {
    const query =
      "state=acknowledged&severity=critical%2Cwarning&host=stor-a03&rule=md.degraded&q=md2&sort=host";
    const parsed = parseFindingsFilter(new URLSearchParams(query));
    expect(findingsFilterToQuery(parsed)).toBe(query);
    expect(parseFindingsFilter(new URLSearchParams("state=deleted&sort=random"))).toMatchObject({
      state: "unresolved",
      sort: "severity",
    });
  });
});
