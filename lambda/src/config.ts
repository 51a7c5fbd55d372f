/** Table names and endpoints from the environment, read per call so tests and lessons can vary them. */

export interface TableNames {
  user: string;
  chat: string;
  game: string;
  words: string;
  /** One row per (room, nickname): the player's token hash and score, across connections. */
  player: string;
}

export function tableNamesFromEnv(env: NodeJS.ProcessEnv = process.env): TableNames {
  return {
    user: env.USER_TABLE || 'User',
    chat: env.CHAT_TABLE || 'Chat',
    game: env.GAME_TABLE || 'Game',
    words: env.WORDS_TABLE || 'Words',
    player: env.PLAYER_TABLE || 'Player',
  };
}

/**
 * The `@connections` endpoint, as AWS documents it for a default execute-api domain:
 * `https://{domainName}/{stage}`. On the workbench's emulator that same URL works (its instances
 * reach the AWS hostnames over HTTPS). Only `npm run offline` sets MANAGEMENT_ENDPOINT, because
 * serverless-offline serves plain HTTP and its events say domainName "localhost".
 */
export function managementEndpoint(
  requestContext: { domainName: string; stage: string },
  env: NodeJS.ProcessEnv = process.env,
): string {
  return env.MANAGEMENT_ENDPOINT || `https://${requestContext.domainName}/${requestContext.stage}`;
}

/** Index on User that lists a room's connections (broadcast, scores). */
export const ROOM_INDEX = 'room-index';
