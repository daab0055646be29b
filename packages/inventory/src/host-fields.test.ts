import { describe, expect, it } from "vitest";
import { checkAddress, checkUser, readPort } from "./host-fields";

describe("checkAddress", () => {
  it.each([
    "stor-01",
    "stor-01.example.com",
    "stor-01.example.com.",
    "nfs_old.example.com",
    "10.0.0.5",
    "2001:db8::10",
    "::1",
    "fe80::1%eth0",
    "::ffff:10.0.0.1",
  ])("accepts %s", (address) => {
    expect(checkAddress(address)).toBeNull();
  });

  it.each([
    "",
    "10.0.0.256",
    "010.0.0.1",
    "1.2.3",
    "-stor",
    "stor-",
    "a..b",
    "bad host",
    "2001:db8:::1",
    "[2001:db8::1]",
    "fe80::1%",
    `${"a".repeat(64)}.example.com`,
  ])("refuses %j", (address) => {
    expect(checkAddress(address)).toBe(
      `${JSON.stringify(address)} is not a valid host name or IP address`,
    );
  });
});

describe("readPort", () => {
  it.each([
    ["22", 22],
    [" 2222 ", 2222],
    [65535, 65535],
    ["0", null],
    ["65536", null],
    ["22a", null],
    ["-1", null],
    ["", null],
    [22.5, null],
  ])("%j is %j", (value, port) => {
    expect(readPort(value)).toBe(port);
  });
});

describe("checkUser", () => {
  it.each(["root", "ops", "ec2-user", "svc_holmes", "john.doe", "007"])("accepts %s", (user) => {
    expect(checkUser(user)).toBeNull();
  });

  it.each(["", "-x", "a b", "dom\\user", "user@corp", "x".repeat(33)])("refuses %j", (user) => {
    expect(checkUser(user)).not.toBeNull();
  });
});
