import { dbMigrateCommand } from "./commands/db-migrate";
import { startCommand } from "./commands/start";
import { userCreateCommand } from "./commands/user-create";

type Command = { usage: string; run: (args: string[]) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  start: {
    usage:
      "holmes start [--dev]           start Holmes (embedded Postgres unless DATABASE_URL is set)",
    run: startCommand,
  },
  "db migrate": {
    usage: "holmes db migrate              apply the committed migrations",
    run: dbMigrateCommand,
  },
  "user create": {
    usage:
      "holmes user create --email E --role viewer|responder|admin [--name N] [--password-stdin]",
    run: userCreateCommand,
  },
};

export async function main(argv: string[]): Promise<number> {
  for (const [name, command] of Object.entries(COMMANDS)) {
    const words = name.split(" ");
    if (words.every((word, i) => argv[i] === word)) {
      return command.run(argv.slice(words.length));
    }
  }
  const usage = Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join("\n");
  const isHelp = argv.length === 0 || argv[0] === "help" || argv[0] === "--help";
  (isHelp ? console.log : console.error)(
    `${isHelp ? "" : `holmes: unknown command "${argv.join(" ")}"\n`}usage:\n${usage}`,
  );
  return isHelp ? 0 : 2;
}
