// Store URLs come from flags and the environment and may carry a password: what is shown of one
// (an error, a note, `status`) never does, a mistyped one included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidStoreUrl, displayStoreUrl, parseStoreUrl } from '../src/index.js';

test('a password in the user part or the query is shown as ***; the rest as given', () => {
  for (const [given, shown] of [
    ['postgres://app:s3cret@db.internal:5432/providers?schema=p', 'postgres://app:***@db.internal:5432/providers?schema=p'],
    ['postgresql://app:s3cret@db/providers?sslmode=require&password=s3cret', 'postgresql://app:***@db/providers?sslmode=require&password=***'],
    ['esdb://admin:s3cret@127.0.0.1:2113?tls=false', 'esdb://admin:***@127.0.0.1:2113?tls=false'],
    ['postgres://app:p@ss/w0rd@db/providers', 'postgres://app:***@db/providers'],
    ['postgres://app@db/providers', 'postgres://app@db/providers'],
    ['esdb://127.0.0.1:2113?tls=false', 'esdb://127.0.0.1:2113?tls=false'],
    ['admin:s3cret@127.0.0.1:2113', 'admin:***@127.0.0.1:2113'],
    ['sqlite:./.providers/events.db', 'sqlite:./.providers/events.db'],
    ['memory:', 'memory:'],
  ] as const) {
    assert.is(displayStoreUrl(given), shown, given);
  }
});

test('a store URL that cannot be read is refused without the password it holds', () => {
  for (const mistyped of ['postgress://app:s3cret@db/providers', 'pg://app:s3cret@db', 'app:s3cret@db/providers', 'mysql://u:s3cret@h/d?password=s3cret']) {
    try {
      parseStoreUrl(mistyped);
      assert.unreachable(`${mistyped} was read`);
    } catch (error) {
      assert.instance(error, InvalidStoreUrl);
      const refused = error as InvalidStoreUrl;
      assert.equal([refused.kind, refused.field], ['usage', 'store']);
      assert.not.match(JSON.stringify({ ...refused, message: refused.message, stack: refused.stack }), 's3cret', mistyped);
      assert.match(refused.message, '***');
    }
  }
});

test.run();
