/**
 * The page layer's only script, a few lines of our own, served as a file (the CSP allows no
 * inline script). Everything works without it; it adds:
 * - `data-confirm` on a form: asks before submitting (dissolving a branch, revealing an id);
 * - `data-live` on a search form: results follow the typing, fetched as a fragment
 *   (`?partial=1`) into the element named by `data-live`, and the address follows too;
 * - `data-print` on a button left `hidden`: shows it and prints the page (a report to hand in);
 * - `data-progress` on a form: while its request runs (an import sent by its `import` button),
 *   that page's fragment (`?partial=1`) is shown under the form, fetched again every second;
 * - `data-upload` on such a form: a file larger than `data-upload-over` bytes, past what a request
 *   takes, is sent straight to the file store instead — an upload link asked of `data-upload`,
 *   the file PUT with a progress bar, then the import started, whose page follows it.
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
  const hidden = (name, value) => {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    return input;
  };
  const upload = async (form, file, shown) => {
    const asked = new URLSearchParams({
      _csrf: form.elements._csrf.value,
      name: file.name,
      size: String(file.size),
      unitId: form.elements.unitId?.value ?? '',
    });
    const answer = await fetch(form.dataset.upload, { method: 'POST', body: asked, credentials: 'same-origin' });
    if (!answer.ok) throw new Error(String(answer.status));
    const { upload: link, start } = await answer.json();
    const bar = document.createElement('progress');
    bar.max = file.size;
    bar.value = 0;
    const label = document.createElement('label');
    label.textContent = form.dataset.uploadSending + ' ';
    label.append(bar);
    shown.replaceChildren(label);
    await new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(link.method, new URL(link.url, location.href));
      for (const [name, value] of Object.entries(link.headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (progress) => (bar.value = progress.loaded);
      request.onload = () => (request.status < 300 ? resolve() : reject(new Error(String(request.status))));
      request.onerror = () => reject(new Error('network'));
      request.send(file);
    });
    const go = document.createElement('form');
    go.method = 'post';
    go.action = start;
    go.append(hidden('_csrf', form.elements._csrf.value));
    document.body.append(go);
    go.submit();
  };
  for (const form of document.querySelectorAll('form[data-progress]')) {
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented || event.submitter?.value !== 'import') return;
      const file = form.elements.file?.files?.[0];
      if (form.dataset.upload && file && file.size > Number(form.dataset.uploadOver)) {
        event.preventDefault();
        const shown = document.createElement('div');
        shown.setAttribute('role', 'status');
        form.after(shown);
        upload(form, file, shown).catch(() => {
          shown.textContent = form.dataset.uploadFailed;
        });
        return;
      }
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
