import type { EventStore } from '@providers/store';
import type { Vendor, VendorOptions } from '@providers/vending';

/** A vendor made on first use: the AWS SDK is heavy, and most commands never vend. */
export interface LazyVendor {
  get(): Promise<Vendor>;
  /** Closes the vendor's STS connections, if it was made. */
  close(): Promise<void>;
}

/** The vendor these options make, once something needs it; with `issuanceIn`, every hand-out is recorded there first. */
export const lazyVendor = (options: VendorOptions, issuanceIn: EventStore | undefined): LazyVendor => {
  let vendor: Promise<Vendor> | undefined;
  return {
    get: () =>
      (vendor ??= import('@providers/vending').then(({ createVendor, createIssuanceLog }) =>
        createVendor({ ...options, ...(issuanceIn ? { issuance: createIssuanceLog(issuanceIn) } : {}) }),
      )),
    close: async () => {
      if (vendor) (await vendor).close();
    },
  };
};
