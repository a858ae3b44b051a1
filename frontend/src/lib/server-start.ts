/** Start-up of the Node server: refuse unsafe settings, record each request's TCP peer. */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { PEER_HEADER } from "./client-address";
import { checkRevalidateSecret } from "./revalidate";

let started = false;

/** Copies the TCP peer of every request into PEER_HEADER, replacing any value the client sent. */
function recordPeers() {
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  });
}

export function startNodeServer() {
  if (started) return;
  started = true;
  const check = checkRevalidateSecret(process.env.REVALIDATE_SECRET, process.env.NODE_ENV);
  if (check.status === "refused") {
    console.error(`Refusing to start: ${check.message}`);
    process.exit(1);
  }
  if (check.status === "disabled") console.warn(check.message);
  recordPeers();
}
