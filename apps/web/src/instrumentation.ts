/**
 * Runs once when the server starts: validate the environment before serving anything, then start
 * the outbound webhook worker (Node runtime only; it needs the database pool).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./env");
    const { ensureWebhookWorker } = await import("./server/webhook-worker");
    ensureWebhookWorker();
  }
}
