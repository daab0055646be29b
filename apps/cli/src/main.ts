type Command = { usage: string; run: (args: string[]) => Promise<number> };

// Each command is imported only when asked for, so `holmes parse` does not load the web stack.
const COMMANDS: Record<string, Command> = {
  start: {
    usage:
      "holmes start [--dev]                 start Holmes (embedded Postgres unless DATABASE_URL is set)",
    run: async (args) => (await import("./commands/start")).startCommand(args),
  },
  "db migrate": {
    usage: "holmes db migrate                    apply the committed migrations",
    run: async () => (await import("./commands/db-migrate")).dbMigrateCommand(),
  },
  "user create": {
    usage:
      "holmes user create --email E --role viewer|responder|admin [--name N] [--password-stdin]",
    run: async (args) => (await import("./commands/user-create")).userCreateCommand(args),
  },
  collector: {
    usage:
      "holmes collector                     run the collector: poll every enabled host on its interval",
    run: async () => (await import("./commands/collector")).collectorCommand(),
  },
  collect: {
    usage: "holmes collect --once [--host NAME]… [--json]   poll once and print what was gathered",
    run: async (args) => (await import("./commands/collect")).collectCommand(args),
  },
  sim: {
    usage:
      "holmes sim [--hosts N] [--scenario ID]… [--port P] [--speed S]   run the simulated fleet",
    run: async (args) => (await import("./commands/sim")).simCommand(args),
  },
  parse: {
    usage: "holmes parse <format> <file|->        parse a captured command output; prints JSON",
    run: async (args) => (await import("./commands/parse")).parseCommand(args),
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
  const text = `${isHelp ? "" : `holmes: unknown command "${argv.join(" ")}"\n`}usage:\n${usage}`;
  (isHelp ? console.log : console.error)(text);
  return isHelp ? 0 : 2;
}
