/** What a new custom runbook starts from: every block kind once, so the format is in view. */
export const RUNBOOK_TEMPLATE = `---
id: my-runbook
title: What this runbook does
summary: When to use it, in one or two sentences.
applies_to: []
variables:
  - name: host
    kind: host
    description: The host to work on
    from: host
  - name: array
    kind: md-device
    description: The md array
---

## Look before touching anything

Describe what to look at and why.

\`\`\`check
id: array-present
description: "{{array}} is assembled"
probe: mdstat
expect: { that: array-state, array: "{{array}}", state: active }
\`\`\`
`;
