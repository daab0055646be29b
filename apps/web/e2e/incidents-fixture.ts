import type { Database } from "@holmes/db/client";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { signIn } from "./harness";

export type TestUser = { email: string; password: string };

export const RESPONDER = { email: "rita@holmes.test", password: "rita password 123" };
export const RESPONDER_2 = { email: "omar@holmes.test", password: "omar password 123" };
export const VIEWER = { email: "vic@holmes.test", password: "vic password 123" };

/** A finding as the rules would report it: an md member (or array) state on one host. */
export function mdFinding(title: string, objectName: string, isArray = false) {
  return {
    ruleId: isArray ? "md.redundancy_exhausted" : "md.member_failed",
    severity: isArray ? ("critical" as const) : ("warning" as const),
    objectKind: isArray ? ("array" as const) : ("member" as const),
    objectName,
    title,
    explanation: isArray ? "One more disk failure in md0 loses data." : "",
    evidence: { values: {}, lines: [] },
    runbookId: null,
  };
}

export const MD0_AT_RISK = mdFinding("md0 has no redundancy left", "md0", true);

/** Three inventory hosts; stor-a08 has an open "no redundancy left" finding on md0. */
export async function seedIncidentFleet(db: Database): Promise<{ storA08: string }> {
  const names = ["stor-a07", "stor-a08", "web-01"];
  await addHosts(
    db,
    names.map((name, i) => ({ name, address: `192.0.2.${10 + i}`, groups: ["storage"] })),
  );
  const [host] = await listPollTargets(db, ["stor-a08"]);
  if (!host) throw new Error("stor-a08 was not added");
  await reconcileFindings(db, host.id, [MD0_AT_RISK], new Date());
  return { storA08: host.id };
}

/** A signed-in browser context of its own: a second user, not a second tab. */
export async function userPage(browser: Browser, baseUrl: string, user: TestUser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, baseUrl, user.email, user.password);
  return { context, page };
}

export async function setTheme(page: Page, theme: "dark" | "light") {
  const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  if ((await isDark()) !== (theme === "dark")) {
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
  }
  await expect.poll(isDark).toBe(theme === "dark");
}

/** "Live" means hydrated and subscribed: a click before that lands on inert server HTML. */
export async function waitUntilLive(page: Page) {
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
}
