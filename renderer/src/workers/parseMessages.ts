/** The worker's messages are the parse host's (shared/excel/parseMessages.ts): one protocol for both editions. */
export * from '../../../shared/excel/parseMessages';
