import { describe, expect, it } from "vitest";
import { expandHostPattern } from "./host-range";

describe("expandHostPattern", () => {
  it.each([
    [
      "stor-[01:03].example.com",
      ["stor-01.example.com", "stor-02.example.com", "stor-03.example.com"],
      null,
    ],
    ["db-[a:c]", ["db-a", "db-b", "db-c"], null],
    ["n[8:10]", ["n8", "n9", "n10"], null],
    ["n[:2]", ["n0", "n1", "n2"], null],
    ["n[0:6:3]", ["n0", "n3", "n6"], null],
    ["r[1:2]c[1:2]", ["r1c1", "r1c2", "r2c1", "r2c2"], null],
    ["x[y:B]", ["xy", "xz", "xA", "xB"], null],
    ["web1:2222", ["web1"], 2222],
    ["stor-[1:2]:2200", ["stor-1", "stor-2"], 2200],
    ["[2001:db8::1]:2222", ["2001:db8::1"], 2222],
    ["2001:db8::1", ["2001:db8::1"], null],
    ["10.0.0.5", ["10.0.0.5"], null],
  ])("%s", (pattern, names, port) => {
    expect(expandHostPattern(pattern)).toEqual({ ok: true, names, port });
  });

  it.each([
    ["n[3:1]", '"n[3:1]": [3:1] starts after it ends'],
    ["n[01:100]", '"n[01:100]": [01:100] has a padded start but an end of another width'],
    ["n[1:]", '"n[1:]": [1:] has no end'],
    ["n[1:2:0]", '"n[1:2:0]": the step of [1:2:0] is not a positive number'],
    ["n[1-2]", '"n[1-2]": [1-2] is not [start:end] or [start:end:step]'],
    ["n[1:x]", '"n[1:x]": [1:x] is neither numbers nor letters'],
    ["n[1:2", '"n[1:2": "[" without "]"'],
    ["n]", '"n]": "]" without "["'],
    ["web:0", '"web:0" has a bad port "0"'],
    ["web:", '"web:" has a bad port ""'],
    ["a[0:999]b[0:999]", '"a[0:999]b[0:999]": expands to more than 10000 hosts'],
  ])("refuses %s", (pattern, reason) => {
    expect(expandHostPattern(pattern)).toEqual({ ok: false, reason });
  });
});
