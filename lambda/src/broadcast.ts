/**
 * Delivery to connections. A 410 means that connection is gone: its row is deleted (the one that
 * failed, not the sender's, which aws-samples got wrong). Any other failure is logged with the
 * connection and error name and counted, so a missing ManageConnections permission shows up as a
 * 403 in the logs instead of silence, while the other players still get the message.
 */
import { describeError, type Logger } from './log.ts';
import { isGone, type Poster } from './poster.ts';
import type { UserStore } from './store/users.ts';

export interface Delivery {
  poster: Poster;
  users: UserStore;
  log: Logger;
  /** Query page size for the room index; undefined lets DynamoDB decide (1 MB pages). */
  pageSize?: number;
}

export type SendResult = 'sent' | 'gone' | 'failed';

export interface BroadcastReport {
  sent: number;
  gone: number;
  failed: number;
}

export async function sendTo(delivery: Delivery, connectionId: string, frame: unknown): Promise<SendResult> {
  return postOne(delivery, connectionId, JSON.stringify(frame));
}

export async function broadcast(delivery: Delivery, room: string, frame: unknown): Promise<BroadcastReport> {
  const data = JSON.stringify(frame);
  const report: BroadcastReport = { sent: 0, gone: 0, failed: 0 };
  for await (const page of delivery.users.roomConnectionPages(room, delivery.pageSize)) {
    const results = await Promise.all(page.map((connectionId) => postOne(delivery, connectionId, data)));
    for (const result of results) report[result] += 1;
  }
  if (report.failed > 0) delivery.log.error('broadcast incomplete', { room, ...report });
  return report;
}

async function postOne(delivery: Delivery, connectionId: string, data: string): Promise<SendResult> {
  try {
    await delivery.poster.post(connectionId, data);
    return 'sent';
  } catch (error) {
    if (isGone(error)) {
      delivery.log.info('connection gone, removing it', { connectionId });
      await delivery.users.disconnect(connectionId);
      return 'gone';
    }
    delivery.log.error('post to connection failed', { connectionId, ...describeError(error) });
    return 'failed';
  }
}
