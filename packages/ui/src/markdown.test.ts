import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, null, source));

/** No element the browser would run, and no attribute that runs script. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<svg/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
}

describe("Markdown renders user text inert", () => {
  it("shows a <script> tag as text, never as an element", () => {
    const html = render('before <script>alert("x")</script> after');
    expectInert(html);
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows a block-level <script> as text", () => {
    const html = render("<script>\nfetch('/steal?c=' + document.cookie)\n</script>");
    expectInert(html);
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript: links in every spelling", () => {
    for (const source of [
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "[click](  javascript:alert(1))",
      "[click](java\tscript:alert(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[click][ref]\n\n[ref]: javascript:alert(1)",
      "<javascript:alert(1)>",
    ]) {
      const html = render(source);
      expectInert(html);
      expect(html, source).not.toMatch(/javascript:alert\(1\)"/i);
    }
  });

  it("never emits onerror= or onclick= handlers", () => {
    const html = render(
      '<img src=x onerror="alert(1)"> and <a href="https://x.test" onclick="alert(2)">x</a>\n\n![p](https://x.test/p.png "t")',
    );
    expectInert(html);
  });

  it("renders <svg><script> and <svg onload> payloads inert", () => {
    const html = render('<svg><script>alert(1)</script></svg>\n\n<svg onload="alert(1)"/>');
    expectInert(html);
    expect(html).toContain("&lt;svg");
  });

  it("renders <iframe> inert", () => {
    const html = render('<iframe src="https://evil.test" srcdoc="<script>alert(1)</script>">');
    expectInert(html);
  });

  it("escapes HTML inside code instead of running it", () => {
    const html = render("`<script>alert(1)</script>`\n\n```\n<img src=x onerror=alert(1)>\n```");
    expectInert(html);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("Markdown still renders ordinary Markdown", () => {
  it("renders lists, emphasis and inline code", () => {
    const html = render(
      "Seen on **stor-a01**:\n\n- md127 *inactive*\n- `sdd` failed\n\n1. one\n2. two",
    );
    expect(html).toContain("<strong>stor-a01</strong>");
    expect(html).toMatch(/<ul[^>]*>\s*<li>md127 <em>inactive<\/em><\/li>/);
    expect(html).toMatch(/<code[^>]*>sdd<\/code>/);
    expect(html).toMatch(/<ol[^>]*>\s*<li>one<\/li>/);
  });

  it("renders fenced code blocks", () => {
    const html = render("```\nmdadm --assemble /dev/md0\n```");
    expect(html).toMatch(/<pre[^>]*><code[^>]*>mdadm --assemble \/dev\/md0\n<\/code><\/pre>/);
  });

  it("keeps https and mailto links, with rel noopener", () => {
    const html = render("[runbook](https://wiki.example.com/md) or <mailto:oncall@example.com>");
    expect(html).toMatch(
      /<a href="https:\/\/wiki.example.com\/md" rel="noopener noreferrer nofollow"/,
    );
    expect(html).toContain('href="mailto:oncall@example.com"');
  });

  it("turns an image into a link, so opening an incident loads nothing", () => {
    const html = render("![graph](https://grafana.example.com/p.png)");
    expect(html).not.toContain("<img");
    expect(html).toMatch(/<a href="https:\/\/grafana.example.com\/p.png"[^>]*>graph<\/a>/);
  });

  it("demotes headings below the page's own", () => {
    expect(render("# Impact")).toMatch(/<h3[^>]*>Impact<\/h3>/);
    expect(render("# Impact")).not.toContain("<h1");
  });
});
