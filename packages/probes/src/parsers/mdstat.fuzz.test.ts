import { MdstatReportSchema } from "@holmes/core";
import fc from "fast-check";
import { describeParserFuzz, garbageLine, lineSoup, loadCorpus, wordLine } from "../testing/fuzz";
import { parseMdstat } from "./mdstat";

const corpus = loadCorpus("mdstat");

const TOKENS = [
  "md0",
  "md127",
  ":",
  " : ",
  "active",
  "inactive",
  "broken",
  "(read-only)",
  "(auto-read-only)",
  "raid1",
  "raid5",
  "raid10",
  "linear",
  "sda1[0]",
  "sdb1[1](F)",
  "sdc[2](S)",
  "sdd[3](W)(R)",
  "1024",
  "blocks",
  "super",
  "1.2",
  "external:imsm",
  "external:/md127/0",
  "level",
  "5,",
  "64k",
  "chunk,",
  "chunks",
  "512K",
  "algorithm",
  "2",
  "near-copies",
  "far-copies",
  "[2/2]",
  "[2/1]",
  "[UU]",
  "[U_]",
  "[",
  "]",
  "resync",
  "=",
  "12.5%",
  "(1/8)",
  "finish=1.0min",
  "speed=1K/sec",
  "resync=DELAYED",
  "[=>...]",
  "bitmap:",
  "1/1",
  "pages",
  "[4KB],",
  "65536KB",
  "chunk",
  "Personalities",
  "[raid1]",
  "unused",
  "devices:",
  "<none>",
  "\t",
  "\u00a0",
  "9".repeat(20),
];
const tokenLine = wordLine(TOKENS);

// Well-formed stanzas with random (also absurd) numbers reach the range checks.
const number = fc.oneof(fc.nat(8), fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String));
const member = fc
  .tuple(
    fc.constantFrom("sda", "nvme0n1p1", "loop0"),
    number,
    fc.constantFrom("", "(F)", "(S)", "(W)(R)"),
  )
  .map(([dev, slot, flags]) => `${dev}[${slot}]${flags}`);
const stanza = fc
  .record({
    head: fc.constantFrom(
      "md0 : active raid1",
      "md1 : inactive",
      "md2 : active (read-only) raid10",
    ),
    members: fc.array(member, { maxLength: 4 }),
    blocks: number,
    n: number,
    m: number,
    flags: fc.option(fc.stringMatching(/^[U_]{0,6}$/)),
    percent: fc.constantFrom("0.0", "99.9", "100.0", "100.1", "7"),
    done: number,
    total: number,
    bitmap: fc.tuple(number, number, fc.constantFrom("KB", "B", "MB")),
  })
  .map((r) => ({ ...r, flags: r.flags ?? "U_UUU_UU".slice(0, Number(r.n)) }))
  .map((r) =>
    [
      `${r.head} ${r.members.join(" ")}`,
      `      ${r.blocks} blocks super 1.2 ${r.n}K chunks 2 near-copies [${r.n}/${r.m}] [${r.flags}]`,
      `      [=>..]  recovery = ${r.percent}% (${r.done}/${r.total}) finish=${r.n}.5min speed=${r.m}K/sec`,
      `      bitmap: ${r.bitmap[0]}/${r.bitmap[1]} pages [4KB], ${r.bitmap[0]}${r.bitmap[2]} chunk`,
    ].join("\n"),
  );

// 110,000 generated inputs in CI (25k + 25k + 30k + 20k + 10k), a twentieth locally.
describeParserFuzz(
  "parseMdstat fuzz",
  { parse: parseMdstat, schema: MdstatReportSchema, corpus },
  (fuzz) => {
    fuzz.survivesAnyText(25_000);
    const soup = lineSoup(fc.oneof(tokenLine, stanza), 12);
    fuzz.survives("survives soups of mdstat tokens and stanzas", soup, 25_000);
    fuzz.survivesDamage(30_000, { garbage: garbageLine(tokenLine) });
    fuzz.readsCrlfLikeLf(20_000, { trailingWhitespace: true });
    const valid = corpus.filter((text) => parseMdstat(text).ok);
    fuzz.readsTruncated(10_000, {
      items: (report) => report.arrays,
      key: (array) => array.name,
      samples: valid,
    });
  },
);
