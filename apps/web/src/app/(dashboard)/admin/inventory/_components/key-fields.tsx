"use client";

import { FIELD, LABEL } from "./styles";
import type { Credential, InventoryHost } from "./types";

export type KeyKind = "default" | "file" | "credential";

export function keyKindOf(host: InventoryHost | undefined): KeyKind {
  if (host?.credentialId) return "credential";
  return host?.identityFile ? "file" : "default";
}

/** Where the collector gets the host's key: its default, a file on its machine, or a stored key. */
export function KeyFields(props: {
  keyKind: KeyKind;
  onKeyKindChange: (kind: KeyKind) => void;
  host?: InventoryHost;
  credentials: Credential[];
}) {
  return (
    <>
      <label className={LABEL}>
        Key
        <select
          value={props.keyKind}
          onChange={(e) => props.onKeyKindChange(e.target.value as KeyKind)}
          className={FIELD}
        >
          <option value="default">Collector default key</option>
          <option value="file">Key file on the collector</option>
          <option value="credential" disabled={props.credentials.length === 0}>
            Stored credential
          </option>
        </select>
      </label>
      {props.keyKind === "file" && (
        <label className={LABEL}>
          Key file path
          <input
            name="identityFile"
            required
            defaultValue={props.host?.identityFile ?? ""}
            placeholder="~/.ssh/holmes_ed25519"
            className={`${FIELD} font-mono`}
          />
        </label>
      )}
      {props.keyKind === "credential" && (
        <label className={LABEL}>
          Credential
          <select
            name="credentialId"
            required
            defaultValue={props.host?.credentialId ?? ""}
            className={FIELD}
          >
            {props.credentials.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
