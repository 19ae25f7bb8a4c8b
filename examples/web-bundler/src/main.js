import { createTracker } from '@eventline/web';

// The public write key `npm start` printed, given as ?key=el_pub_… (or paste it here).
const writeKey = new URLSearchParams(location.search).get('key') ?? 'el_pub_PASTE_YOUR_WRITE_KEY';

const eventline = createTracker({
  endpoint: 'http://localhost:8787',
  writeKey,
  debug: true,
  onAnswer(answer) {
    const line = answer.ok
      ? `${answer.status}: ${answer.accepted} accepted, ${answer.duplicates} duplicates ${answer.rejected.map((r) => `${r.event?.event} rejected (${r.code})`).join('; ')}`
      : `${answer.status}: ${answer.error.code} ${answer.error.message}`;
    const li = document.createElement('li');
    li.textContent = line;
    document.querySelector('#answers').prepend(li);
  },
});

eventline.register({ channel: 'web' });
eventline.page();

document.querySelector('#cart').addEventListener('click', () => {
  eventline.track('form_submit', { form_id: 'add-to-cart' }, { tags: ['shoes'] });
});
document.querySelector('#login').addEventListener('click', () => {
  eventline.identify({ external_id: 'customer-42' });
});
