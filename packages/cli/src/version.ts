/** The CLI's version, as `providers --version` prints it. */
export const VERSION = '0.1.0';
