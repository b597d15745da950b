/// <reference lib="webworker" />
/**
 * Reads the ledgers' search haystacks off the window's thread for the search
 * index (renderer/src/db/haystackReader.ts does the work; this only carries
 * messages). The index terminates the worker once it has the answer.
 */
import { serveHaystacks, type SearchWorkerRequest } from '../db/haystackReader';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<SearchWorkerRequest>) => {
  void serveHaystacks(e.data, (reply) => self.postMessage(reply));
};
