import type { ComponentPropsWithoutRef } from "react";
import ReactMarkdown, { type Components, defaultUrlTransform } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";

/**
 * GitHub's allowlist (rehype-sanitize's default) minus the bits an incident update never needs.
 * Raw HTML in the source is never parsed as HTML (no rehype-raw); the sanitizer is the second wall,
 * so a later plugin that produces HTML nodes still cannot smuggle in scripts or handlers.
 */
const SCHEMA = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== "input"),
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

type MdNode = { type: string; value?: string; children?: MdNode[] };

/**
 * Raw HTML in an update (a pasted log line with `<tag>`) is kept as literal text: it stays
 * readable, and text cannot run.
 */
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    for (const child of node.children ?? []) walk(child);
  };
  return (tree: MdNode) => walk(tree);
}

/** Only http(s), mailto and in-page links survive; anything else (javascript:, data:) is dropped. */
function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return /^(https?:|mailto:|#|\/(?!\/))/i.test(cleaned) ? cleaned : "";
}

const COMPONENTS: Components = {
  a: ({ node: _node, href, ...props }: ComponentPropsWithoutRef<"a"> & { node?: unknown }) =>
    href ? (
      <a
        {...props}
        href={href}
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline underline-offset-2 dark:text-sky-300"
      />
    ) : (
      <span>{props.children}</span>
    ),
  // An image becomes a link to it: nothing is fetched just because someone opened the incident.
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a
        href={src}
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline dark:text-sky-300"
      >
        {alt || src}
      </a>
    ) : null,
  ul: ({ node: _node, ...props }) => <ul {...props} className="my-2 list-disc pl-6" />,
  ol: ({ node: _node, ...props }) => <ol {...props} className="my-2 list-decimal pl-6" />,
  p: ({ node: _node, ...props }) => <p {...props} className="my-2 first:mt-0 last:mb-0" />,
  pre: ({ node: _node, ...props }) => (
    <pre
      {...props}
      className="my-2 overflow-x-auto rounded-lg bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-950 [&_code]:bg-transparent [&_code]:p-0"
    />
  ),
  code: ({ node: _node, ...props }) => (
    <code
      {...props}
      className="rounded bg-zinc-100 px-1 font-mono text-[0.85em] dark:bg-zinc-800"
    />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote {...props} className="my-2 border-l-4 border-zinc-300 pl-3 dark:border-zinc-700" />
  ),
  h1: ({ node: _node, ...props }) => <h3 {...props} className="mt-3 mb-1 font-semibold" />,
  h2: ({ node: _node, ...props }) => <h3 {...props} className="mt-3 mb-1 font-semibold" />,
  h3: ({ node: _node, ...props }) => <h4 {...props} className="mt-3 mb-1 font-semibold" />,
};

/**
 * The only way Holmes renders user-written Markdown (STYLE §7): raw HTML is shown as text, URLs are
 * limited to http(s)/mailto, and the result passes a sanitizer, so a pasted `<script>` or
 * `javascript:` link is shown as text or dropped, never run. Headings are demoted so an update
 * cannot outrank the page's own headings.
 */
export function Markdown(props: { children: string; className?: string }) {
  return (
    <div className={`text-sm leading-relaxed break-words ${props.className ?? ""}`}>
      <ReactMarkdown
        remarkPlugins={[htmlAsText]}
        urlTransform={safeUrl}
        rehypePlugins={[[rehypeSanitize, SCHEMA]]}
        components={COMPONENTS}
      >
        {props.children}
      </ReactMarkdown>
    </div>
  );
}
