/**
 * The page layer's only script, a few lines of our own, served as a file (the CSP allows no
 * inline script). Everything works without it; it adds:
 * - `data-confirm` on a form: asks before submitting (dissolving a branch, revealing an id);
 * - `data-live` on a search form: results follow the typing, fetched as a fragment
 *   (`?partial=1`) into the element named by `data-live`, and the address follows too;
 * - `data-print` on a button left `hidden`: shows it and prints the page (a report to hand in);
 * - `data-progress` on a form: while its request runs (an import sent by its `import` button),
 *   that page's fragment (`?partial=1`) is shown under the form, fetched again every second.
 */
export const enhanceScript = `(() => {
  'use strict';
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  for (const form of document.querySelectorAll('form[data-live]')) {
    const target = document.getElementById(form.dataset.live);
    if (!target) continue;
    let timer = 0;
    let latest = 0;
    const refresh = async () => {
      const query = new URLSearchParams(new FormData(form));
      const ticket = ++latest;
      const response = await fetch(form.action + '?' + query + '&partial=1', { credentials: 'same-origin' });
      if (!response.ok || ticket !== latest) return;
      target.innerHTML = await response.text();
      history.replaceState(null, '', form.action + '?' + query);
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  }
  for (const form of document.querySelectorAll('form[data-progress]')) {
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented || event.submitter?.value !== 'import') return;
      const shown = document.createElement('div');
      shown.setAttribute('role', 'status');
      form.after(shown);
      const poll = async () => {
        const response = await fetch(form.dataset.progress + '?partial=1', { credentials: 'same-origin' });
        if (response.ok) shown.innerHTML = await response.text();
        setTimeout(poll, 1000);
      };
      poll();
    });
  }
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
})();
`;
