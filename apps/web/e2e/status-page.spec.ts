import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hasChromium,
  launchBrowser,
  type RunningHolmes,
  screenshot,
  signIn,
  startHolmes,
} from "./harness";
import {
  PUBLIC_UPDATE,
  REPLACING_UPDATE,
  SECRETS,
  type Seeded,
  seedStatusPage,
  TRICKY_UPDATE,
} from "./status-page-seed";

const ADMIN = { email: "ada.admin@holmes.test", password: "admin password 123" };
const RESPONDER = { email: "rita.responder@holmes.test", password: "responder password 1" };
const ATOM_NS = "http://www.w3.org/2005/Atom";

describe.runIf(hasChromium())("the public status page", () => {
  let holmes: RunningHolmes;
  let browser: Browser;
  let seeded: Seeded;

  beforeAll(async () => {
    holmes = await startHolmes();
    await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
    const responderId = await holmes.createUser(RESPONDER.email, "responder", RESPONDER.password);
    seeded = await seedStatusPage(holmes.database.db, responderId);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await holmes?.stop();
  });

  /** Fetched with no cookie at all, as an anonymous visitor or a feed reader would. */
  async function fetchPublic(path: string) {
    const response = await fetch(`${holmes.baseUrl}${path}`, { redirect: "manual" });
    return { response, text: await response.text() };
  }

  it("shows the public update and never internal updates, hosts, findings or people", async () => {
    const pages = {
      status: await fetchPublic("/status"),
      incident: await fetchPublic(`/status/incidents/${seeded.slowNumber}`),
      feed: await fetchPublic("/status/feed.atom"),
    };
    for (const [name, { response, text }] of Object.entries(pages)) {
      expect([name, response.status]).toEqual([name, 200]);
      expect([name, text.includes(PUBLIC_UPDATE)]).toEqual([name, true]);
      if (name !== "incident")
        expect([name, text.includes(REPLACING_UPDATE)]).toEqual([name, true]);
      const forbidden = [
        ...Object.values(SECRETS),
        seeded.slowId,
        ADMIN.email,
        RESPONDER.email,
        "ada.admin",
        "rita.responder",
      ];
      for (const secret of forbidden)
        expect([name, secret, text.includes(secret)]).toEqual([name, secret, false]);
    }
    expect(pages.feed.response.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    // An incident with only internal updates does not exist publicly.
    expect((await fetchPublic(`/status/incidents/${seeded.secretNumber}`)).response.status).toBe(
      404,
    );
  });

  it("derives component status, shows overrides as such, and escapes update text", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${holmes.baseUrl}/status`);
    expect(new URL(page.url()).pathname).toBe("/status");
    const components = page.getByRole("region", { name: "Components" });
    const row = (name: string) => components.getByRole("listitem").filter({ hasText: name });
    expect(await row("File storage").textContent()).toContain("Partial outage");
    expect(await row("Databases").textContent()).toContain("Operational");
    expect(await row("Backups").textContent()).toContain("Set by the operators");
    await page.getByRole("heading", { name: "Partial outage" }).waitFor();
    const active = page.getByRole("region", { name: "Active incidents" });
    expect(await active.textContent()).toContain("INC-");
    const history = page.getByRole("region", { name: /Past incidents/ });
    // The script in an update is text on the page, not an element.
    expect(await history.textContent()).toContain("Backups ran late");
    await page.getByRole("link", { name: /Backups ran late/ }).click();
    await page.getByText('<script>alert("x")</script>', { exact: false }).waitFor();
    expect(await page.locator("main script").count()).toBe(0);
    await screenshot(page, "status-page-incident");
    await page.goto(`${holmes.baseUrl}/status`);
    await screenshot(page, "status-page-light");
    await page.close();

    const dark = await browser.newContext({
      colorScheme: "dark",
      viewport: { width: 1100, height: 900 },
    });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${holmes.baseUrl}/status`);
    expect(await darkPage.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
      true,
    );
    await screenshot(darkPage, "status-page-dark");
    await dark.close();
  });

  it("serves an Atom feed a parser accepts, one entry per public update, text intact", async () => {
    const { text } = await fetchPublic("/status/feed.atom");
    const page = await browser.newPage();
    const parsed = await page.evaluate(
      ({ xml, ns }) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        const entries = [...doc.getElementsByTagNameNS(ns, "entry")];
        return {
          error: doc.querySelector("parsererror")?.textContent ?? null,
          root: doc.documentElement.namespaceURI,
          contents: entries.map((e) => e.getElementsByTagNameNS(ns, "content")[0]?.textContent),
          links: entries.map((e) => e.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href")),
        };
      },
      { xml: text, ns: ATOM_NS },
    );
    await page.close();
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe(ATOM_NS);
    // The control characters are dropped (XML cannot carry them); everything else round-trips.
    expect(parsed.contents).toEqual([
      PUBLIC_UPDATE,
      TRICKY_UPDATE.split("\u001b").join(""),
      REPLACING_UPDATE,
    ]);
    expect(parsed.links[0]).toBe(`${holmes.baseUrl}/status/incidents/${seeded.slowNumber}`);
  });

  it("lets an admin override a component from the admin page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await page.getByRole("link", { name: /Status page and severities/ }).click();
    await page.getByLabel("Status of Databases").selectOption("major_outage");
    // The select shows the server's value, so it reads "major_outage" only once that is saved.
    await expect
      .poll(() => page.getByLabel("Status of Databases").inputValue())
      .toBe("major_outage");
    await screenshot(page, "status-page-admin");
    const { text } = await fetchPublic("/status");
    expect(text).toContain("Major outage");
    await page.close();
  });
});
