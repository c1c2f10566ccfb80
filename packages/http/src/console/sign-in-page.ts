// The sign-in form: a token, sent once, becomes a session cookie.
import { html, page } from './html.js';

/** The sign-in page; `failed` says the last token was not known. */
export const signInPage = (next: string, failed: boolean): string =>
  page(
    { title: 'Sign in', ...(failed ? { error: { message: 'that token is not known here', field: 'token' } } : {}) },
    html`<h1>Sign in</h1>
<form method="post" action="/console/sign-in" id="sign-in">
  <input type="hidden" name="next" value="${next}">
  <p><label for="token">Access token</label> <input id="token" name="token" type="password" autocomplete="off" required autofocus></p>
  <p><button type="submit">Sign in</button></p>
</form>
<p class="muted">The token comes from the server's tokens file; it is sent once and never stored in the browser.</p>`,
  );
