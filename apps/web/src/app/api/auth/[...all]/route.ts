import { services } from "~/server/holmes";

async function handle(request: Request) {
  return services().auth.handler(request);
}

export { handle as GET, handle as POST };
