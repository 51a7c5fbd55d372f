/**
 * The improved app's tables. Names stay the workshop's (User, Chat, Game) plus Words and Player; keys change
 * where the workshop's could collide or forced a Scan. lambda/README.md explains the model.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ROOM_INDEX, type TableNames, tableNamesFromEnv } from './config.ts';

export function appTablesNamed(names: TableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.user,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'connectionId', AttributeType: 'S' },
        { AttributeName: 'room', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: ROOM_INDEX,
          KeySchema: [
            { AttributeName: 'room', KeyType: 'HASH' },
            { AttributeName: 'connectionId', KeyType: 'RANGE' },
          ],
          // Broadcast needs only keys; the join reply's scores need these two.
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['username', 'answerCnt'] },
        },
      ],
    },
    {
      TableName: names.chat,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'room', AttributeType: 'S' },
        { AttributeName: 'messageKey', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'room', KeyType: 'HASH' },
        { AttributeName: 'messageKey', KeyType: 'RANGE' },
      ],
    },
    {
      TableName: names.game,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'room', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }],
    },
    {
      TableName: names.words,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    },
    {
      // A player outlives its connections: the score and the token hash stay when the socket goes.
      TableName: names.player,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'room', AttributeType: 'S' },
        { AttributeName: 'nickname', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'room', KeyType: 'HASH' },
        { AttributeName: 'nickname', KeyType: 'RANGE' },
      ],
    },
  ];
}

/** The tables under their default names (User, Chat, Game, Words, Player). */
export const appTables: CreateTableCommandInput[] = appTablesNamed(tableNamesFromEnv({}));
