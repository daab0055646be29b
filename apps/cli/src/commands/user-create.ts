import { parseArgs } from "node:util";
import { RoleSchema } from "@holmes/core";
import { createDb } from "@holmes/db/client";
import { migrateDatabase } from "@holmes/db/migrate";
import { createAccountAsSystem } from "../accounts";
import { loadCliEnv } from "../env";
import { openDatabase } from "../runtime";

export async function userCreateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      role: { type: "string", default: "viewer" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const role = RoleSchema.safeParse(values.role);
  if (!values.email || !role.success) {
    console.error(
      "holmes user create: --email is required and --role must be viewer, responder or admin",
    );
    return 2;
  }
  const password = values["password-stdin"] ? (await readStdin()).trim() : undefined;
  const env = loadCliEnv();
  const database = await openDatabase(env, 0);
  const handle = createDb({ url: database.url, max: 1 });
  try {
    await migrateDatabase(database.url);
    const created = await createAccountAsSystem(handle.db, {
      email: values.email,
      name: values.name ?? values.email.split("@")[0] ?? values.email,
      role: role.data,
      ...(password ? { password } : {}),
    });
    console.log(`holmes: created ${role.data} ${values.email}`);
    if (!password) console.log(`holmes: generated password (shown once): ${created.password}`);
    return 0;
  } catch (error) {
    console.error(`holmes user create: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await handle.close();
    await database.stop();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
