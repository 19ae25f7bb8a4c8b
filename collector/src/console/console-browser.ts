import { Window } from 'happy-dom';
import type { TestCollector } from '../testing/test-collector';

/** A form's fields in document order, as a browser sends them: repeated names stay in their row's order. */
export type FormEntries = [name: string, value: string][];

/**
 * For tests, a browser's view of the console: its cookies, sent back on each request; forms posted as a
 * browser posts them (a page's own form read field by field, or fields given by the test).
 */
export function consoleBrowser(collector: TestCollector) {
  const cookies = new Map<string, string>();
  const request = async (method: string, path: string, form?: Record<string, string | string[]> | FormEntries) => {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const entries = Array.isArray(form) ? form : Object.entries(form).flatMap(([k, v]) => [v].flat().map((x): [string, string] => [k, x]));
      body = new URLSearchParams(entries).toString();
    }
    const res = await collector.app.request(path, { method, headers, ...(body !== undefined && { body }) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const csrfOf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await request('GET', path)).text())?.[1];
  /** The page at `path` as a document, to read what it shows and its forms. */
  const page = async (path: string) => {
    const res = await request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return documentOf(await res.text());
  };
  /** Posts the form `selector` of the page at `path` as a browser would, with `typed` over what its fields show. */
  const submit = async (path: string, selector: string, typed: Record<string, string>) => {
    const form = (await page(path)).querySelector(selector);
    if (!form) throw new Error(`${path} has no ${selector}`);
    return request('POST', form.getAttribute('action')!, formEntries(form).map(([name, value]): [string, string] => [name, typed[name] ?? value]));
  };
  return {
    cookies,
    request,
    csrfOf,
    page,
    async login(key: string) {
      const token = await csrfOf('/console/login');
      return request('POST', '/console/login', { _csrf: token!, key });
    },
    submit,
    /** Submits as `submit` does a form that must be refused: answers the page the refusal (400) came back with. */
    async submitRefused(path: string, selector: string, typed: Record<string, string>) {
      const res = await submit(path, selector, typed);
      if (res.status !== 400) throw new Error(`${selector} on ${path} answered ${res.status}, not a refusal`);
      return documentOf(await res.text());
    },
  };
}

/** A console browser already logged in, with the admin key unless told another. */
export async function loggedInBrowser(collector: TestCollector, key: string = collector.adminKey) {
  const b = consoleBrowser(collector);
  await b.login(key);
  return b;
}

/** A page's HTML as the document a browser would make of it, such as the page a refused form answers with. */
export function documentOf(html: string): Document {
  const window = new Window();
  window.document.write(html);
  // happy-dom's own types mirror the DOM's; the tests read it as the browser document it stands for.
  return window.document as unknown as Document;
}

/** What submitting `form` sends: named, enabled fields; a select's chosen option; only ticked boxes. */
export function formEntries(form: Element): FormEntries {
  const entries: FormEntries = [];
  for (const field of form.querySelectorAll('input, select, textarea')) {
    const name = field.getAttribute('name');
    if (!name || field.hasAttribute('disabled')) continue;
    const type = field.getAttribute('type') ?? '';
    if (type === 'submit' || type === 'button' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !(field as HTMLInputElement).checked) continue;
    if (field.tagName === 'SELECT') {
      for (const option of (field as HTMLSelectElement).selectedOptions) entries.push([name, option.value]);
    } else {
      entries.push([name, (field as HTMLInputElement).value]);
    }
  }
  return entries;
}

/** What a refused input says beside it: the alert its aria-describedby names, once it is marked aria-invalid. */
export function fieldMessageOf(input: Element): string | undefined {
  if (input.getAttribute('aria-invalid') !== 'true') return undefined;
  const message = input.ownerDocument.getElementById(input.getAttribute('aria-describedby') ?? '');
  return message?.getAttribute('role') === 'alert' ? (message.textContent ?? undefined) : undefined;
}
