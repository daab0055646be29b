import { reconcileFindings } from "@holmes/db/queries/findings";
import { declareIncident } from "@holmes/db/queries/incidents";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, type RunningHolmes, screenshot, startHolmes } from "./harness";
import {
  MD0_AT_RISK,
  mdFinding,
  RESPONDER,
  RESPONDER_2,
  seedIncidentFleet,
  setTheme,
  userPage,
  VIEWER,
  waitUntilLive,
} from "./incidents-fixture";

describe.runIf(hasChromium())("incidents in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let responder: { context: BrowserContext; page: Page };
  let viewer: { context: BrowserContext; page: Page };
  let incidentUrl = "";
  let responderId = "";
  let storA08 = "";

  beforeAll(async () => {
    holmes = await startHolmes();
    responderId = await holmes.createUser(RESPONDER.email, "responder", RESPONDER.password);
    await holmes.createUser(RESPONDER_2.email, "responder", RESPONDER_2.password);
    await holmes.createUser(VIEWER.email, "viewer", VIEWER.password);
    storA08 = (await seedIncidentFleet(holmes.database.db)).storA08;
    browser = await launchBrowser();
    responder = await userPage(browser, holmes.baseUrl, RESPONDER);
    viewer = await userPage(browser, holmes.baseUrl, VIEWER);
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
  });

  it("declares an incident from scratch, by keyboard, and lands on its page", async () => {
    const { page } = responder;
    await page.goto(`${holmes.baseUrl}/incidents`);
    await page.getByRole("link", { name: "Declare incident" }).click();
    await page.getByLabel("Title").waitFor();
    await page.getByRole("button", { name: "Declare incident" }).click();
    await page.getByText("Choose a severity").waitFor();
    await page.getByText("Give the incident a title").waitFor();
    // Every level's definition is on the form, not behind a hover.
    await page.getByText("All hands, now.").waitFor();
    await page.getByLabel("Title").fill("md2 degraded on stor-a07");
    await page.getByRole("radio", { name: /SEV2/ }).check();
    const hosts = page.getByRole("combobox", { name: "Affected hosts" });
    await hosts.fill("a07");
    await hosts.press("ArrowDown");
    await hosts.press("Enter");
    await page.getByRole("list", { name: "Selected hosts" }).getByText("stor-a07").waitFor();
    await page
      .getByLabel("Summary (Markdown, internal)")
      .fill("sdd failed, **rebuilding** onto sde");
    await screenshot(page, "incident-declare");
    await page.getByRole("button", { name: "Declare incident" }).click();
    await page.waitForURL(/\/incidents\/INC-\d+$/);
    incidentUrl = page.url();
    await page.getByRole("heading", { name: "md2 degraded on stor-a07" }).waitFor();
    await page.getByText("rebuilding").waitFor();
    expect(await page.locator("aside").textContent()).toContain("stor-a07");
  });

  it("pre-fills a declaration from a finding (host, finding, suggested severity)", async () => {
    const { page } = responder;
    await page.goto(`${holmes.baseUrl}/findings?host=stor-a08`);
    await page
      .getByRole("link", { name: /Declare incident from md0 has no redundancy left/ })
      .click();
    await page.getByText("suggested by the finding").waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe(
      "stor-a08: md0 has no redundancy left",
    );
    expect(await page.getByRole("radio", { name: /SEV1/ }).isChecked()).toBe(true);
    await page.getByRole("list", { name: "Selected hosts" }).getByText("stor-a08").waitFor();
  });

  it("shows one responder's update to a viewer within 2 s, without a reload", async () => {
    await viewer.page.goto(incidentUrl);
    await waitUntilLive(viewer.page);
    // A reload would lose this marker.
    await viewer.page.evaluate(() => Object.assign(window, { holmesMarker: 1 }));
    expect(await viewer.page.getByRole("textbox", { name: "Update (Markdown)" }).count()).toBe(0);
    await responder.page.goto(incidentUrl);
    await waitUntilLive(responder.page);
    const text = `internal note ${Date.now()}`;
    const box = responder.page.getByRole("textbox", { name: "Update (Markdown)" });
    await box.fill(text);
    const startedAt = Date.now();
    await box.press("Control+Enter");
    await viewer.page.getByText(text).waitFor({ timeout: 2_000 });
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeLessThan(2_000);
    expect(await viewer.page.evaluate(() => "holmesMarker" in window)).toBe(true);
    const update = viewer.page.getByTestId("timeline-update").filter({ hasText: text });
    expect(await update.getAttribute("data-audience")).toBe("internal");
    expect(await update.textContent()).toContain("Internal");
    process.stdout.write(`incident update reached the second browser in ${elapsed} ms\n`);
  });

  it("marks a public update as public, with a status change, live on the other side", async () => {
    const { page } = responder;
    const text = `Public: we are restoring redundancy ${Date.now()}`;
    await page.getByText("Public (status page)").click();
    await page.getByRole("textbox", { name: "Update (Markdown)" }).fill(text);
    await page.getByRole("combobox", { name: "Status change" }).selectOption("monitoring");
    await page.getByRole("button", { name: "Post public update" }).click();
    const update = viewer.page.getByTestId("timeline-update").filter({ hasText: text });
    await update.waitFor({ timeout: 2_000 });
    expect(await update.getAttribute("data-audience")).toBe("public");
    expect(await update.textContent()).toContain("on the status page");
    await viewer.page
      .getByTestId("incident-header")
      .getByText("Monitoring")
      .waitFor({ timeout: 2_000 });
    // The composer is back to a fresh internal draft.
    expect(await page.getByRole("textbox", { name: "Update (Markdown)" }).inputValue()).toBe("");
  });

  it("keeps a draft whose post failed, and a retry never posts it twice", async () => {
    const { page } = responder;
    const text = `retried update ${Date.now()}`;
    let isDropped = false;
    // The first attempt reaches the server (and is stored); its answer is lost on the way back.
    await page.route(/\/api\/trpc\/incident\.postUpdate/, async (route) => {
      if (isDropped) return route.continue();
      isDropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByRole("textbox", { name: "Update (Markdown)" }).fill(text);
    await page.getByRole("button", { name: "Post internal update" }).click();
    await page.getByText("Couldn't post update").waitFor();
    await page.reload();
    const box = page.getByRole("textbox", { name: "Update (Markdown)" });
    await expect.poll(() => box.inputValue()).toBe(text);
    await page.getByRole("button", { name: "Post internal update" }).click();
    await expect.poll(() => box.inputValue()).toBe("");
    await page.unroute(/\/api\/trpc\/incident\.postUpdate/);
    const posted = viewer.page.getByTestId("timeline-update").filter({ hasText: text });
    await posted.first().waitFor({ timeout: 2_000 });
    expect(await posted.count()).toBe(1);
  });

  it("refuses a stale edit with 'Changed by', and Reload shows the other change", async () => {
    const { page } = responder;
    await page.getByRole("button", { name: "Edit incident" }).click();
    const form = page.getByRole("form", { name: "Edit incident" });
    await form.getByLabel("Title").waitFor();
    const other = await userPage(browser, holmes.baseUrl, RESPONDER_2);
    await other.page.goto(incidentUrl);
    await waitUntilLive(other.page);
    await other.page.getByRole("button", { name: "Edit incident" }).click();
    const otherForm = other.page.getByRole("form", { name: "Edit incident" });
    await otherForm.getByLabel("Title").fill("md2 degraded on stor-a07 (sdd replaced)");
    await otherForm.getByRole("button", { name: "Save changes" }).click();
    await other.page
      .getByRole("heading", { name: "md2 degraded on stor-a07 (sdd replaced)" })
      .waitFor();
    await other.context.close();

    await form.getByLabel("Severity").selectOption("1");
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByText(/Changed by omar at/).waitFor();
    await page.getByRole("heading", { name: "md2 degraded on stor-a07 (sdd replaced)" }).waitFor();
    await screenshot(page, "incident-edit-conflict");
    await form.getByRole("button", { name: "Reload" }).click();
    await expect
      .poll(() => form.getByLabel("Title").inputValue())
      .toBe("md2 degraded on stor-a07 (sdd replaced)");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  it("shows the hosts' machine events distinctly and live, with dates on a multi-day incident", async () => {
    const { db } = holmes.database;
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const incident = await declareIncident(
      db,
      {
        title: "stor-a08 md0 at risk",
        severity: 3,
        startedAt: twoDaysAgo,
        hostIds: [storA08],
        findingIds: [],
      },
      responderId,
      twoDaysAgo,
    );
    const sdb1 = mdFinding("sdb1 failed in md0", "md0/sdb1");
    // md0 stays open; sdb1 failed two days ago, inside the incident's window.
    await reconcileFindings(
      db,
      storA08,
      [MD0_AT_RISK, sdb1],
      new Date(twoDaysAgo.getTime() + 60_000),
    );
    const { page } = viewer;
    await page.goto(`${holmes.baseUrl}/incidents/INC-${incident.number}`);
    await waitUntilLive(page);
    const headings = page.getByRole("list", { name: "Timeline entries" }).getByRole("heading");
    await expect.poll(() => headings.count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId("timeline-machine").filter({ hasText: "sdb1 failed in md0" }).waitFor();

    const startedAt = Date.now();
    const sdc1 = mdFinding("sdc1 failed in md0 (serial WSY6PU08)", "md0/sdc1");
    await reconcileFindings(db, storA08, [MD0_AT_RISK, sdb1, sdc1], new Date());
    const live = page.getByTestId("timeline-machine").filter({ hasText: "sdc1 failed in md0" });
    await live.waitFor({ timeout: 2_000 });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await live.textContent()).toContain("stor-a08");
    await page.getByRole("button", { name: "Machines" }).click();
    await expect.poll(() => page.getByTestId("timeline-lifecycle").count()).toBe(0);
    await page.getByRole("button", { name: "All" }).click();
    await screenshot(page, "incident-multi-day");
    await setTheme(page, "dark");
    await screenshot(page, "incident-multi-day-dark");
    await setTheme(page, "light");
  });

  it("lists incidents with filters in the URL, and charts them (light and dark)", async () => {
    const { page } = viewer;
    await page.goto(incidentUrl);
    await waitUntilLive(page);
    await screenshot(page, "incident-page-viewer");
    await setTheme(page, "dark");
    await screenshot(page, "incident-page-viewer-dark");
    await page.goto(`${holmes.baseUrl}/incidents?status=monitoring`);
    const rows = page.getByRole("row").filter({ hasText: "INC-" });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Monitoring");
    await page.getByText("Incidents per month").waitFor();
    await page.getByText("2 incidents: SEV2 1 · SEV3 1").waitFor();
    await screenshot(page, "incidents-list-dark");
    await page.getByRole("button", { name: "Monitoring" }).click();
    await page.waitForURL((url) => !url.search.includes("status="));
    await setTheme(page, "light");
    await screenshot(page, "incidents-list");
    expect(await page.getByRole("link", { name: "Declare incident" }).count()).toBe(0);
    await screenshot(responder.page, "incident-page-responder");
  });
});
