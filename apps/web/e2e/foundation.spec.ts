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

const ADMIN = { email: "admin@holmes.test", password: "admin password 123" };

describe.runIf(hasChromium())(
  "sign-in, the shell and user administration in a real browser",
  () => {
    let holmes: RunningHolmes;
    let browser: Browser;

    beforeAll(async () => {
      holmes = await startHolmes();
      await holmes.createUser(ADMIN.email, "admin", ADMIN.password);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await holmes?.stop();
    });

    it("sends a signed-out visitor to sign-in and refuses a wrong password", async () => {
      const page = await browser.newPage();
      await page.goto(`${holmes.baseUrl}/incidents`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill("definitely wrong");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#sign-in-error").getByText("Wrong email or password").waitFor();
      await screenshot(page, "foundation-sign-in-error");
      await page.close();
    });

    it("signs in, shows the navigation and honest empty states, and toggles dark mode", async () => {
      const page = await browser.newPage();
      await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of ["Fleet", "Incidents", "Runbooks", "Post-mortems", "Admin"]) {
        expect(await nav.getByRole("link", { name: label }).count()).toBe(1);
      }
      await page.getByRole("link", { name: "Incidents" }).click();
      await page.getByText("No incidents yet.").waitFor();
      await page.getByRole("button", { name: "Toggle dark mode" }).click();
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        true,
      );
      await screenshot(page, "foundation-incidents-empty-dark");
      await page.close();
    });

    it("lets an admin create a user who can then sign in with the viewer role, and audits it", async () => {
      const page = await browser.newPage();
      await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
      await page.getByRole("link", { name: "Admin" }).click();
      const form = page.getByRole("form", { name: "Create user" });
      await form.getByLabel("Name").fill("Vera Viewer");
      await form.getByLabel("Email").fill("vera@holmes.test");
      await form.getByLabel("Initial password").fill("vera password 123");
      await form.getByRole("button", { name: "Create user" }).click();
      await page.getByText("vera@holmes.test").first().waitFor();
      await page.getByText("admin.users.create").waitFor();
      await screenshot(page, "foundation-admin-users");
      await page.close();

      const context = await browser.newContext();
      const vera = await context.newPage();
      await signIn(vera, holmes.baseUrl, "vera@holmes.test", "vera password 123");
      expect(await vera.getByRole("link", { name: "Admin" }).count()).toBe(0);
      await vera.goto(`${holmes.baseUrl}/admin`);
      expect(new URL(vera.url()).pathname).toBe("/");
      await context.close();
    });

    it("signs out", async () => {
      const page = await browser.newPage();
      await signIn(page, holmes.baseUrl, ADMIN.email, ADMIN.password);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${holmes.baseUrl}/sign-in`);
      await page.goto(`${holmes.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.close();
    });
  },
);
