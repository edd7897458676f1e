/**
 * Where notifications go. A provider sends one message or throws; the dispatcher records the outcome. The file
 * provider appends JSON lines to a local file (for a laptop, a demo, or an office that sends SMS by hand); the
 * HTTP provider posts to an SMS gateway configured by URL and token.
 */
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export interface OutgoingMessage {
  readonly channel: "sms";
  readonly recipient: string;
  readonly text: string;
  readonly id: string;
}

export interface NotificationProvider {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

export function fileProvider(path: string): NotificationProvider {
  return {
    name: "file",
    send: async (message) => {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`, "utf8");
    },
  };
}

export function httpSmsProvider(
  url: string,
  token: string | undefined,
  timeoutMs = 10_000,
): NotificationProvider {
  return {
    name: "http",
    send: async (message) => {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ to: message.recipient, text: message.text, reference: message.id }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
