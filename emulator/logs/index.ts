/** CloudWatch-Logs-like storage for function output, gated by the role's logs permissions. */

export { type LogsServer, startLogsServer } from './api/server.ts';
export { createLogsHandler, type LogsHandler, type LogsHandlerOptions } from './api/wire.ts';
export { fileNameFor, type LogRecord, readAllRecords } from './files.ts';
export { createLogSink, type LogSinkOptions, logsChecks } from './sink.ts';
export {
  DEFAULT_MAX_EVENTS_PER_GROUP,
  type EventQuery,
  type LogListener,
  LogStore,
  type LogStoreOptions,
  type StoredRecord,
  type StreamInfo,
} from './store.ts';
