/**
 * Points the Fivetran group's webhook at the stack: the stack's URL and the secret it verifies
 * signatures with (read from Secrets Manager, never printed). An existing webhook of the group
 * with the same URL, or an older one of this stack's, is updated; otherwise one is created
 * (Fivetran sends a test delivery first, which the stack's receiver accepts).
 */
import type { FivetranClient } from '../core/fivetran/client.js';

export const WEBHOOK_EVENTS = ['sync_start', 'sync_end'];

export type WebhookRegistration = { action: 'created' | 'updated'; webhookId: string };

/** Creates or updates the group webhook that delivers to `url`, signed with `secret`. */
export async function registerGroupWebhook(fivetran: FivetranClient, groupId: string, url: string, secret: string): Promise<WebhookRegistration> {
  const webhooks = await fivetran.listWebhooks();
  const ours = webhooks.find((w) => w.group_id === groupId && w.url === url);
  if (ours) {
    await fivetran.updateWebhook(ours.id, { url, events: WEBHOOK_EVENTS, secret, active: true });
    return { action: 'updated', webhookId: ours.id };
  }
  const created = await fivetran.createGroupWebhook(groupId, { url, events: WEBHOOK_EVENTS, secret, active: true });
  return { action: 'created', webhookId: created.id };
}
