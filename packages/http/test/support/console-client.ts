// A browser-less console client: signs in through the form, keeps the session cookie, and sends
// forms with the CSRF token read from the page it is on.
/** A page as the client got it. */
export interface Got {
  readonly status: number;
  readonly location: string | null;
  readonly html: string;
}

/** A signed-in (or not yet) console session over plain HTTP. */
export const consoleClient = (base: string) => {
  let cookie = '';
  let csrf = '';
  const request = async (method: string, path: string, body?: URLSearchParams | FormData): Promise<Got> => {
    const response = await fetch(base + path, { method, redirect: 'manual', headers: cookie ? { cookie } : {}, ...(body ? { body } : {}) });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const html = await response.text();
    csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? csrf;
    return { status: response.status, location: response.headers.get('location'), html };
  };
  return {
    get: (path: string) => request('GET', path),
    /** Posts a form with the CSRF token of the last page (unless `csrf` is given). */
    post: (path: string, fields: Record<string, string>, options: { csrf?: string } = {}) =>
      request('POST', path, new URLSearchParams({ csrf: options.csrf ?? csrf, ...fields })),
    upload: (path: string, fields: Record<string, string>, file: { field: string; name: string; text: string }) => {
      const form = new FormData();
      form.set('csrf', csrf);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set(file.field, new Blob([file.text], { type: 'application/json' }), file.name);
      return request('POST', path, form);
    },
    signIn: (token: string, next = '/console') => request('POST', '/console/sign-in', new URLSearchParams({ token, next })),
    get cookie() {
      return cookie;
    },
  };
};
