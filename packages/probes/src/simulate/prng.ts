/**
 * mulberry32: a 32-bit seeded generator, tiny and fast enough for a 1,000-host fleet. The fleet
 * derives one stream per host from (seed, host index), so adding hosts never changes the others.
 */
export type Rng = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Integer in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
  hex: (digits: number) => string;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
    chance: (probability) => next() < probability,
    hex: (digits) => {
      let out = "";
      while (out.length < digits) out += HEX_WORD((next() * 4294967296) >>> 0);
      return out.length === digits ? out : out.slice(0, digits);
    },
  };
}

// Number#toString(16) is slow in V8 (a generic radix conversion); a byte table is ~10x faster.
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const HEX_WORD = (word: number) =>
  `${BYTE_HEX[word >>> 24]}${BYTE_HEX[(word >>> 16) & 255]}${BYTE_HEX[(word >>> 8) & 255]}${BYTE_HEX[word & 255]}`;

/** A stable per-host seed: hosts must not share streams, and host N must not depend on N-1. */
export function hostSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** A deterministic hash of a few integers, for per-minute jitter without keeping state. */
export function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x01000193);
    h ^= h >>> 13;
  }
  return (h >>> 0) / 4294967296;
}

/** LVM's 32-character ids in its 6-4-4-4-4-4-6 grouping, from [0-9A-Za-z]. */
const LVM_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Positions after which LVM puts a dash (6-4-4-4-4-4-6). */
const LVM_DASHES = new Set([5, 9, 13, 17, 21, 25]);

export function lvmUuid(rng: Rng): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    out += LVM_ALPHABET.charAt(Math.floor(rng.next() * 62));
    if (LVM_DASHES.has(i)) out += "-";
  }
  return out;
}

/** RFC 4122-shaped uuid (lower case), as GPT and blkid print them. */
export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
