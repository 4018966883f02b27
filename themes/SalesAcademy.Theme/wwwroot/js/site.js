// Small behaviours of the theme, without inline handlers (so a strict Content-Security-Policy works).
// <select data-autosubmit>: submit its form when the choice changes (the list filters).
document.addEventListener('change', (event) => {
    const select = event.target.closest && event.target.closest('select[data-autosubmit]');
    if (select && select.form) select.form.requestSubmit();
});
