// What sshd hands the forced-command test host. Packages never read env outside an env.ts file
// (STYLE.md §11).
export const forcedCommandEnv = {
  /** The command line the client asked for; sshd runs our script instead. */
  originalCommand: process.env.SSH_ORIGINAL_COMMAND ?? null,
  /** `client-ip client-port server-ip server-port`: one value per TCP connection. */
  connection: process.env.SSH_CONNECTION ?? null,
};
