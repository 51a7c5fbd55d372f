/** CloudWatch-Logs-like storage for function output, gated by the role's logs permissions. */
export { fileNameFor, type LogRecord, readAllRecords } from './files.ts';
export { createLogSink, type LogSinkOptions, logsChecks } from './sink.ts';
export {
  DEFAULT_MAX_EVENTS_PER_GROUP,
  type EventQuery,
  type LogListener,
  LogStore,
  type LogStoreOptions,
  type StreamInfo,
} from './store.ts';
