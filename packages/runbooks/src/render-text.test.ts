import { describe, expect, it } from "vitest";
import { parseRunbook } from "./parse/parse-runbook";
import { emptyVariables, renderStep, renderText } from "./render-text";
import type { Runbook } from "./types";

const RUNBOOK = `---
id: render-test
title: Render test
summary: Steps whose text uses variables.
applies_to: []
variables:
  - name: array
    kind: md-device
    description: The array
  - name: mount_point
    kind: mount-path
    description: Where it is mounted
    required: false
  - name: members
    kind: block-devices
    description: Its members
    required: false
---

## Unmount {{mount_point}}

Stop everything that writes to \`{{mount_point}}\` on {{array}}.

\`\`\`sh
umount {{mount_point}}
\`\`\`

\`\`\`check
id: unmounted
description: "Nothing is mounted at {{mount_point}}"
probe: mountinfo
expect: { that: not-mounted, path: "{{mount_point}}" }
\`\`\`

## Re-create {{array}}

\`\`\`gate
evidence: [mdadm-examine]
max_age_minutes: 30
reason: Writes new superblocks on {{members}}.
\`\`\`

\`\`\`sh
mdadm --create {{array}} --level=1 --raid-devices=2 {{members}}
\`\`\`
`;

function runbook(): Runbook {
  const parsed = parseRunbook(RUNBOOK, "runbooks/render-test.md");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.runbook;
}

describe("renderText", () => {
  it("substitutes values verbatim, without shell quoting", () => {
    expect(
      renderText("Unmount {{mount_point}} of {{array}}", {
        mount_point: "/srv/it's",
        array: "/dev/md1",
      }),
    ).toBe("Unmount /srv/it's of /dev/md1");
  });

  it("renders a missing or empty variable as a visible gap and never throws", () => {
    expect(renderText("Stop {{mount_point}} on {{array}}", {})).toBe(
      "Stop ⟨mount_point⟩ on ⟨array⟩",
    );
    expect(renderText("Stop {{mount_point}}", { mount_point: "" })).toBe("Stop ⟨mount_point⟩");
    expect(renderText("Add {{members}}", { members: [] })).toBe("Add ⟨members⟩");
  });

  it("joins a device list with spaces", () => {
    expect(renderText("Add {{members}}", { members: ["/dev/sdb1", "/dev/sdc1"] })).toBe(
      "Add /dev/sdb1 /dev/sdc1",
    );
  });

  it("leaves text that is not a placeholder alone", () => {
    const text = "`{{ array }}` and {{Array}} and {x} stay; {{array}}";
    expect(renderText(text, { array: "/dev/md0" })).toBe(
      "`{{ array }}` and {{Array}} and {x} stay; /dev/md0",
    );
  });

  it("ignores bindings inherited from Object.prototype", () => {
    expect(renderText("{{constructor}}", {})).toBe("⟨constructor⟩");
  });
});

describe("emptyVariables", () => {
  it("names unbound and blank variables once each, in order of use", () => {
    expect(emptyVariables("{{b}} {{a}} {{b}} {{c}}", { a: "", c: "/dev/md0" })).toEqual(["b", "a"]);
  });
});

describe("renderStep", () => {
  it("renders title, instructions, check descriptions and the command when everything is bound", () => {
    const step = runbook().steps[0];
    if (!step) throw new Error("no step");
    const rendered = renderStep(step, { array: "/dev/md1", mount_point: "/srv/data" });
    expect(rendered.title).toBe("Unmount /srv/data");
    expect(rendered.bodyMarkdown).toContain(
      "Stop everything that writes to `/srv/data` on /dev/md1.",
    );
    expect(rendered.checks[0]?.description).toBe("Nothing is mounted at /srv/data");
    expect(rendered.checks[0]?.descriptionTemplate).toBe("Nothing is mounted at {{mount_point}}");
    expect(rendered.command).toBe("umount '/srv/data'");
    expect(rendered.commandTemplate).toBe("umount {{mount_point}}");
    expect(rendered.missingVariables).toEqual([]);
    // The step as parsed is not changed.
    expect(step.title).toBe("Unmount {{mount_point}}");
  });

  it("gives no command but the missing names when an optional variable is left empty", () => {
    const [first, second] = runbook().steps;
    if (!first || !second) throw new Error("steps missing");
    const blank = renderStep(first, { array: "/dev/md1", mount_point: "" });
    expect(blank.command).toBeNull();
    expect(blank.missingVariables).toEqual(["mount_point"]);
    expect(blank.title).toBe("Unmount ⟨mount_point⟩");

    const unbound = renderStep(second, { array: "/dev/md1" });
    expect(unbound.command).toBeNull();
    expect(unbound.missingVariables).toEqual(["members"]);
    expect(unbound.destructive?.reason).toBe("Writes new superblocks on ⟨members⟩.");
  });

  it("quotes each device of a list in the command and lists them plainly in the text", () => {
    const second = runbook().steps[1];
    if (!second) throw new Error("no step");
    const rendered = renderStep(second, {
      array: "/dev/md1",
      members: ["/dev/sdb1", "/dev/sdc1"],
    });
    expect(rendered.command).toBe(
      "mdadm --create '/dev/md1' --level=1 --raid-devices=2 '/dev/sdb1' '/dev/sdc1'",
    );
    expect(rendered.destructive?.reason).toBe("Writes new superblocks on /dev/sdb1 /dev/sdc1.");
    expect(rendered.destructive?.evidence).toEqual(["mdadm-examine"]);
  });

  it("renders a step without a command", () => {
    const step = { ...runbook().steps[0], command: null } as Runbook["steps"][number];
    const rendered = renderStep(step, {});
    expect(rendered.command).toBeNull();
    expect(rendered.commandTemplate).toBeNull();
    expect(rendered.missingVariables).toEqual([]);
  });
});
