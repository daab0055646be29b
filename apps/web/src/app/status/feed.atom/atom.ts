/** One Atom entry; `content` is plain text (the update's Markdown source), never HTML. */
export type AtomEntry = {
  id: string;
  title: string;
  link: string;
  updated: Date;
  content: string;
};

export type AtomFeed = {
  id: string;
  title: string;
  selfUrl: string;
  pageUrl: string;
  /** The feed's author: a name for the service, never a person's (Atom requires one). */
  author: string;
  updated: Date;
  entries: AtomEntry[];
};

// XML 1.0 forbids most control characters even escaped; pasted terminal output carries them
// (ANSI colour codes), and one would make the whole feed unreadable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function entryXml(entry: AtomEntry): string {
  return [
    "  <entry>",
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title type="text">${escapeXml(entry.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
    `    <updated>${entry.updated.toISOString()}</updated>`,
    `    <published>${entry.updated.toISOString()}</published>`,
    `    <content type="text">${escapeXml(entry.content)}</content>`,
    "  </entry>",
  ].join("\n");
}

/** An RFC 4287 feed document. */
export function renderAtomFeed(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    ...feed.entries.map(entryXml),
    "</feed>",
    "",
  ].join("\n");
}
