import type { ProbeSection } from "@holmes/probes/commands";

/** A poll's sections by id; only complete outputs of commands that exited 0 count as evidence. */
export class SectionIndex {
  private readonly byId: Map<string, ProbeSection>;

  constructor(sections: readonly ProbeSection[]) {
    this.byId = new Map(sections.map((section) => [section.id, section]));
  }

  /** The output of a command that ran to the end and exited 0, or null. */
  text(id: string): string | null {
    const section = this.byId.get(id);
    if (!section || section.isMissing || section.isTruncated || section.exitCode !== 0) return null;
    return section.output;
  }

  /**
   * The command ran to the end and gave an answer: 0, or 1, which mdadm, sfdisk and cat use for
   * "no superblock", "no partition table", "no such file". A timeout, a missing tool or sudo
   * refusing is no answer, and says nothing about whether the thing is there.
   */
  hasAnswered(id: string): boolean {
    const section = this.byId.get(id);
    if (!section || section.isMissing || section.isTruncated) return false;
    return section.exitCode === 0 || section.exitCode === 1;
  }

  /** Ids of the sections of one parameter command (`sfdisk-dump:/dev/sda`, …). */
  idsOf(commandId: string): string[] {
    return [...this.byId.keys()].filter((id) => id.startsWith(`${commandId}:`));
  }
}
