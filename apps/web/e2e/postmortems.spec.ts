import { readFile } from "node:fs/promises";
import { updateIncident } from "@holmes/db/queries/incident-edit";
import { declareIncident, postIncidentUpdate } from "@holmes/db/queries/incidents";
import { findings, postmortems } from "@holmes/db/schema";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, type RunningHolmes, screenshot, startHolmes } from "./harness";
import { RESPONDER, RESPONDER_2, seedIncidentFleet, userPage, VIEWER } from "./incidents-fixture";

const rootCauses = (page: Page) => page.getByRole("textbox", { name: "Root causes (Markdown)" });
const saveState = (page: Page) => page.getByTestId("save-state");

async function waitForSaved(page: Page) {
  await expect
    .poll(() => saveState(page).getAttribute("data-state"), { timeout: 10_000 })
    .toBe("saved");
}

describe.runIf(hasChromium())("post-mortems in a real browser", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let author: { context: BrowserContext; page: Page };
  let reviewer: { context: BrowserContext; page: Page };
  let viewer: { context: BrowserContext; page: Page };
  let incidentNumber = 0;
  let postmortemUrl = "";

  beforeAll(async () => {
    holmes = await startHolmes();
    const authorId = await holmes.createUser(RESPONDER.email, "responder", RESPONDER.password);
    await holmes.createUser(RESPONDER_2.email, "responder", RESPONDER_2.password);
    await holmes.createUser(VIEWER.email, "viewer", VIEWER.password);
    const { db } = holmes.database;
    const { storA08 } = await seedIncidentFleet(db);
    const open = await db.select({ id: findings.id }).from(findings);
    const incident = await declareIncident(
      db,
      {
        title: "md0 lost redundancy on stor-a08",
        severity: 1,
        hostIds: [storA08],
        findingIds: open.map((f) => f.id),
      },
      authorId,
      new Date(Date.now() - 50 * 60_000),
    );
    await postIncidentUpdate(
      db,
      {
        incidentId: incident.id,
        body: "Replaced sdc; md0 resyncing",
        audience: "internal",
        idempotencyKey: "pm-e2e-update-1",
      },
      authorId,
      new Date(Date.now() - 30 * 60_000),
    );
    await updateIncident(
      db,
      { incidentId: incident.id, expectedVersion: incident.version, status: "resolved" },
      authorId,
      // After the finding was seeded, so its opening lies inside the incident's window.
      new Date(Date.now() + 1_000),
    );
    incidentNumber = incident.number;
    // An older incident on the same host: "similar incidents" should offer it, saying why.
    const earlier = await declareIncident(
      db,
      { title: "stor-a08 md0 resync stalled", severity: 3, hostIds: [storA08], findingIds: [] },
      authorId,
      new Date(Date.now() - 3 * 86_400_000),
    );
    await updateIncident(
      db,
      { incidentId: earlier.id, expectedVersion: earlier.version, status: "resolved" },
      authorId,
      new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
    );
    browser = await launchBrowser();
    author = await userPage(browser, holmes.baseUrl, RESPONDER);
    reviewer = await userPage(browser, holmes.baseUrl, RESPONDER_2);
    viewer = await userPage(browser, holmes.baseUrl, VIEWER);
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
  });

  it("drafts a post-mortem from the resolved incident's page", async () => {
    const { page } = author;
    await viewer.page.goto(`${holmes.baseUrl}/incidents/INC-${incidentNumber}`);
    await viewer.page.getByRole("heading", { name: "md0 lost redundancy on stor-a08" }).waitFor();
    // A viewer may read post-mortems but not draft one.
    expect(await viewer.page.getByRole("button", { name: "Draft post-mortem" }).count()).toBe(0);

    await page.goto(`${holmes.baseUrl}/incidents/INC-${incidentNumber}`);
    await page.getByRole("button", { name: "Draft post-mortem" }).click();
    await page.waitForURL(/\/postmortems\/[0-9a-f-]{36}$/);
    postmortemUrl = page.url();
    expect(await page.getByRole("textbox", { name: "Title" }).inputValue()).toBe(
      `Post-mortem: INC-${incidentNumber} md0 lost redundancy on stor-a08`,
    );
    const timeline = page.getByTestId("timeline-picker");
    await timeline.getByText("Replaced sdc; md0 resyncing").waitFor();
    await timeline.getByText("md0 has no redundancy left").first().waitFor();
    expect(await page.getByRole("textbox", { name: "Impact (Markdown)" }).inputValue()).toMatch(
      /Time at SEV1: 5\d min/,
    );
    const similar = page.getByTestId("similar-incidents");
    await similar.getByText("stor-a08 md0 resync stalled").waitFor();
    await similar.getByText("same host: stor-a08").waitFor();
    await screenshot(page, "postmortem-draft");
  });

  it("autosaves an edit and previews it sanitized", async () => {
    const { page } = author;
    await rootCauses(page).fill(
      "The **installer** wiped md0's superblocks. <img src=x onerror=alert(1)>",
    );
    const preview = page.getByRole("region", { name: "Root causes preview" });
    await preview.locator("strong", { hasText: "installer" }).waitFor();
    // Raw HTML stays text: no element is created from it.
    expect(await preview.locator("img").count()).toBe(0);
    await preview.getByText("<img src=x onerror=alert(1)>").waitFor();
    await waitForSaved(page);
    // The Timeline picker drops an entry; that is saved too.
    await page
      .getByRole("checkbox", { name: /Keep md0 has no redundancy left/ })
      .first()
      .uncheck();
    await waitForSaved(page);
    const [row] = await holmes.database.db.select().from(postmortems);
    expect(row?.sections.rootCauses).toContain("The **installer** wiped");
    expect(row?.keptTimelineKeys.length).toBe((row?.timeline.length ?? 0) - 1);
    await screenshot(page, "postmortem-autosaved");
  });

  it("shows a concurrent edit as a conflict with both texts and saves the merge", async () => {
    await reviewer.page.goto(postmortemUrl);
    await rootCauses(reviewer.page).waitFor();
    // The author saves again after the reviewer loaded the page.
    await rootCauses(author.page).fill("Author: the kickstart partitioned every disk.");
    await waitForSaved(author.page);
    await rootCauses(reviewer.page).fill("Reviewer: no guard on disks with md superblocks.");
    const panel = reviewer.page.getByTestId("conflict-panel");
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.textContent()).toContain("rita saved at");
    expect(await panel.getByTestId("conflict-theirs").textContent()).toBe(
      "Author: the kickstart partitioned every disk.",
    );
    expect(await panel.getByTestId("conflict-mine").textContent()).toBe(
      "Reviewer: no guard on disks with md superblocks.",
    );
    expect(await saveState(reviewer.page).getAttribute("data-state")).toBe("conflict");
    await screenshot(reviewer.page, "postmortem-conflict");
    await panel.getByRole("button", { name: "Both, theirs first" }).click();
    await panel.getByRole("button", { name: "Use merged text" }).click();
    await waitForSaved(reviewer.page);
    const [row] = await holmes.database.db.select().from(postmortems);
    expect(row?.sections.rootCauses).toBe(
      "Author: the kickstart partitioned every disk.\n\nReviewer: no guard on disks with md superblocks.",
    );
  });

  it("submits, takes a review comment, and is approved by a second responder only", async () => {
    await author.page.reload();
    await author.page.getByRole("button", { name: "Submit for review" }).click();
    await author.page.getByTestId("postmortem-status").getByText("in review").waitFor();
    await reviewer.page.reload();
    await reviewer.page
      .getByRole("textbox", { name: "Comment on Root causes" })
      .fill("Name the **kickstart** file.");
    await reviewer.page
      .getByTestId("section-rootCauses")
      .getByRole("button", { name: "Comment" })
      .click();
    await reviewer.page
      .getByTestId("section-rootCauses")
      .locator("strong", { hasText: "kickstart" })
      .waitFor();
    await author.page.reload();
    expect(await author.page.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    await reviewer.page.getByRole("button", { name: "Approve" }).click();
    await reviewer.page.getByTestId("postmortem-status").getByText("approved").waitFor();
    await screenshot(reviewer.page, "postmortem-approved");
  });

  it("publishes, after which the document is read-only and exports as Markdown", async () => {
    const { page } = reviewer;
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByTestId("postmortem-status").getByText("published").waitFor();
    expect(await rootCauses(page).count()).toBe(0);
    await page.getByText("read-only").first().waitFor();
    await viewer.page.goto(postmortemUrl);
    await viewer.page.getByTestId("postmortem-status").getByText("published").waitFor();
    expect(await viewer.page.getByRole("textbox").count()).toBe(0);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export Markdown" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(
      `INC-${incidentNumber}-md0-lost-redundancy-on-stor-a08.md`,
    );
    const markdown = await readFile((await file.path()) ?? "", "utf8");
    expect(markdown).toContain("## Root causes\n\nAuthor: the kickstart partitioned every disk.");
    expect(markdown).toContain("Replaced sdc; md0 resyncing");
    expect(markdown).toContain("- Approved by omar");
    await screenshot(page, "postmortem-published");
  });

  it("tracks an action item host by host after publishing, and shows it overdue on the overview", async () => {
    const { page } = reviewer;
    await page.goto(postmortemUrl);
    await page
      .getByRole("textbox", { name: "New action item" })
      .fill("Guard kickstart against md disks");
    await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "rita" });
    await page.getByLabel("Due date").fill("2020-01-31");
    await page.getByRole("combobox", { name: "Host condition" }).selectOption("group");
    await page.getByRole("textbox", { name: "Condition value" }).fill("storage");
    await page.getByRole("button", { name: "Add" }).click();
    const items = page.getByTestId("action-items");
    await items.getByText("0/3").waitFor();
    await items.getByText(/hosts in group storage/).click();
    // Controlled by the server state: the tick shows once the save is back.
    await items.getByRole("checkbox").first().click();
    await items.getByText("1/3").waitFor();
    await screenshot(page, "postmortem-action-items");
    await viewer.page.goto(holmes.baseUrl);
    const overdue = viewer.page.getByTestId("overdue-action-items");
    await overdue.getByText("Guard kickstart against md disks").waitFor();
    expect(await overdue.textContent()).toContain("due 2020-01-31");
    expect(await overdue.textContent()).toContain("1/3");
    await screenshot(viewer.page, "postmortem-overdue-overview");
    await page.goto(`${holmes.baseUrl}/postmortems`);
    await page.getByRole("link", { name: /Post-mortem: INC-/ }).waitFor();
    await screenshot(page, "postmortem-list");
  });
});
