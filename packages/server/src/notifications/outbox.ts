/**
 * The outbox: receipts and notices are queued in the transaction that causes them, then sent by `dispatch`,
 * which takes a bounded batch of pending messages (skipping rows another dispatcher holds), renders each in its
 * language and hands it to the provider. A message that fails is retried on later rounds, up to a limit.
 */
import { asSystem, type Database, sql, type Tx } from "@moldir/db";
import {
  type Locale,
  type NotificationPayload,
  type NotificationTemplate,
  renderNotification,
} from "@moldir/domain";
import { newId } from "../identity/secrets";
import type { NotificationProvider } from "./providers";

export const dispatchBatchMax = 100;
export const attemptsMax = 5;

export interface QueuedNotification {
  readonly recipient: string;
  readonly locale: Locale;
  readonly template: NotificationTemplate;
  readonly payload: NotificationPayload;
  readonly personId: string | null;
  readonly source: { readonly type: string; readonly id: string | null };
}

export async function queueNotifications(
  trx: Tx,
  orgId: string,
  messages: readonly QueuedNotification[],
): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto("notifications")
    .values(
      messages.map((m) => ({
        org_id: orgId,
        id: newId(),
        channel: "sms" as const,
        recipient: m.recipient,
        locale: m.locale,
        template: m.template,
        payload: JSON.stringify(m.payload),
        person_id: m.personId,
        source_type: m.source.type,
        source_id: m.source.id,
        last_error: null,
        sent_at: null,
      })),
    )
    .execute();
}

export interface DispatchResult {
  readonly sent: number;
  readonly failed: number;
}

/** Sends one batch of pending notifications of every organization. */
export async function dispatch(database: Database, provider: NotificationProvider): Promise<DispatchResult> {
  return asSystem(database, async (trx) => {
    const { rows } = await sql<{
      org_id: string;
      id: string;
      recipient: string;
      locale: Locale;
      template: NotificationTemplate;
      payload: NotificationPayload;
      attempts: number;
    }>`SELECT org_id, id, recipient, locale, template, payload, attempts
      FROM notifications WHERE status = 'pending' ORDER BY created_at LIMIT ${dispatchBatchMax} FOR UPDATE SKIP LOCKED`.execute(
      trx,
    );
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await provider.send({
          channel: "sms",
          recipient: row.recipient,
          text: renderNotification(row.template, row.locale, row.payload),
          id: row.id,
        });
        await trx
          .updateTable("notifications")
          .set({ status: "sent", sent_at: new Date(), attempts: row.attempts + 1, last_error: null })
          .where("org_id", "=", row.org_id)
          .where("id", "=", row.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable("notifications")
          .set({
            status: attempts >= attemptsMax ? "failed" : "pending",
            attempts,
            last_error: error instanceof Error ? error.message.slice(0, 500) : "unknown",
          })
          .where("org_id", "=", row.org_id)
          .where("id", "=", row.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** Runs `dispatch` every few seconds until stopped. */
export function startDispatcher(
  database: Database,
  provider: NotificationProvider,
  everyMs: number,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatch(database, provider)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
