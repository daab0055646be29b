import { readFileSync } from "node:fs";
import { describeParseError } from "@holmes/core";
import { PARSE_FORMATS, PARSERS } from "@holmes/probes/parsers";

/**
 * `holmes parse <format> <file|->`: the parsed result as JSON on stdout and exit 0, or one line
 * naming where the input went wrong on stderr and exit 2.
 */
export async function parseCommand(args: string[]): Promise<number> {
  const [format, source] = args;
  const parser = format ? PARSERS[format] : undefined;
  if (!parser || !source) {
    console.error(`usage: holmes parse <format> <file|->\nformats: ${PARSE_FORMATS.join(", ")}`);
    return 2;
  }
  let text: string;
  try {
    text = source === "-" ? await readStdin() : readFileSync(source, "utf8");
  } catch (error) {
    console.error(
      `holmes parse: cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return 2;
  }
  const result = parser(text);
  if (!result.ok) {
    console.error(`holmes parse ${format}: ${describeParseError(result.error)}`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
