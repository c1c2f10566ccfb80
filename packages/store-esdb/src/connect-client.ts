/** Making a client from a connection string without leaking the string into errors. */
import { EventStoreDBClient } from '@eventstore/db-client';
import { StoreFailure } from '@providers/store';

/**
 * The client for `connectionString`. It connects lazily, on the first call.
 * A malformed string fails here with `StoreFailure`; the parser's own error
 * quotes the string, which may hold a password, so it is not passed on.
 */
export const connectClient = (connectionString: string): EventStoreDBClient => {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch {
    throw new StoreFailure('the EventStoreDB connection string is not valid (expected e.g. esdb://host:2113?tls=false)');
  }
};
