/** Runs once when the server starts (`next start`, `next dev`), before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNodeServer } = await import("./lib/server-start");
    startNodeServer();
  }
}
