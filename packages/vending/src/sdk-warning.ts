// On Node < 22 the AWS SDK (v3.1173) calls process.emitWarning("NodeVersionSupportWarning: …
// will require node >=22 …") once, when the first client is created. It goes to stderr, never
// stdout, but programs that capture both (or a terminal behind `credential_process`) see it. The
// SDK reads AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true at that moment and stays quiet.

/** Keeps the SDK's Node-version warning out of the output; call before any SDK client is created. */
export const silenceSdkNodeVersionWarning = (): void => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
};
