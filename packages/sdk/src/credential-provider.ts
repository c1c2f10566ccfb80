import type { AwsCredentialsProvider, CredentialProviderOptions, VendRequest, VendResult } from '@providers/vending';

/** An AWS SDK v3 credential provider that vends for one deployment on first use and again before the session expires. */
export const credentialProviderOf = (
  vend: (request: VendRequest) => Promise<VendResult>,
  request: VendRequest,
  options: CredentialProviderOptions,
): AwsCredentialsProvider => {
  let provider: Promise<AwsCredentialsProvider> | undefined;
  return async () => {
    provider ??= import('@providers/vending').then(({ credentialProviderFor }) => credentialProviderFor(vend, request, options));
    return (await provider)();
  };
};
