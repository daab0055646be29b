import { listGroupPollIntervals } from "@holmes/db/queries/group-intervals";
import { addHosts } from "@holmes/db/queries/hosts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hasChromium,
  launchBrowser,
  type RunningHolmes,
  screenshot,
  signIn,
  startHolmes,
} from "./harness";

/** The group table's row for "db" (the hosts table above has db-01 and db-02 too). */
const dbRow = (page: Page) =>
  page.getByRole("row").filter({ has: page.getByLabel("State interval of db in seconds") });

const ADMIN = { email: "admin@holmes.test", password: "admin password 123" };

describe.runIf(hasChromium())("per-group poll intervals on the inventory page", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    holmes = await startHolmes();
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    await addHosts(holmes.database.db, [
      { name: "db-01", address: "192.0.2.1", groups: ["db", "rack1"] },
      { name: "db-02", address: "192.0.2.2", groups: ["db"] },
      { name: "web-01", address: "192.0.2.3", groups: ["rack1"] },
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
  });

  it("lists the groups, explains the shortest-wins rule, and refuses a too-short interval", async () => {
    await page.goto(`${holmes.baseUrl}/admin/inventory`);
    await page.getByRole("heading", { name: "Poll intervals by group" }).waitFor();
    await page.getByText("shortest interval any of its groups sets").waitFor();
    const db = dbRow(page);
    expect(await db.getByRole("cell").nth(1).textContent()).toBe("2");
    await page.getByLabel("State interval of db in seconds").fill("5");
    await page
      .getByRole("form", { name: "Intervals of db" })
      .evaluate((form: HTMLFormElement) => form.requestSubmit());
    await page.getByRole("alert").filter({ hasText: "at least 10 s" }).waitFor();
    expect(await listGroupPollIntervals(holmes.database.db)).toEqual([]);
  });

  it("saves a group's intervals and a group no host carries yet", async () => {
    await page.getByLabel("State interval of db in seconds").fill("15");
    await page.getByLabel("SMART interval of db in seconds").fill("300");
    await dbRow(page).getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).first().waitFor();
    await page.getByRole("textbox", { name: "Group name" }).fill("archive");
    await page.getByLabel("State interval of new group in seconds").fill("600");
    await page.getByRole("button", { name: "Set" }).click();
    await page.getByLabel("State interval of archive in seconds").waitFor();
    await expect
      .poll(() => listGroupPollIntervals(holmes.database.db))
      .toEqual([
        { group: "archive", stateIntervalSeconds: 600, smartIntervalSeconds: null },
        { group: "db", stateIntervalSeconds: 15, smartIntervalSeconds: 300 },
      ]);
    await screenshot(page, "inventory-group-intervals");
  });
});
