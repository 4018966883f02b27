// Small behaviours of the theme, without inline handlers (so a strict Content-Security-Policy works).
// <select data-autosubmit>: submit its form when the choice changes (the list filters).
document.addEventListener('change', (event) => {
    const select = event.target.closest && event.target.closest('select[data-autosubmit]');
    if (select && select.form) select.form.requestSubmit();
});

// <form data-confirm="…">: ask before a destructive post (delete).
document.addEventListener('submit', (event) => {
    const message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
});

// Drill rubric: keep the "weights total" badge current while typing (the server checks it too).
document.addEventListener('input', (event) => {
    if (!event.target.matches || !event.target.matches('input[data-weight]')) return;
    const form = event.target.form;
    const badge = form && form.querySelector('[data-weight-total]');
    if (!badge) return;
    const total = [...form.querySelectorAll('input[data-weight]')].reduce((sum, input) => sum + (parseInt(input.value, 10) || 0), 0);
    badge.textContent = badge.textContent.replace(/\d+/, String(total));
    badge.classList.toggle('text-bg-danger', total !== 100);
    badge.classList.toggle('text-bg-success', total === 100);
});
