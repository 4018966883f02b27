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

// <div data-live-reload hx-get="…" hx-trigger="every 3s">: a live fragment whose server answers HX-Refresh once the page
// it sits in is out of date (the retro board's phase, the drill session's step). While a form of the page is being sent,
// or the page is already reloading, polls are held back and an answer already on its way is dropped: no reload aborts the
// user's own post, and a reload slower than a poll on a busy server is not started over and over. (A form htmx sends
// itself is not a navigation: htmx cancels its submit event before it reaches the document.)
(() => {
    const live = document.querySelectorAll('[data-live-reload]');
    if (live.length === 0) return;
    let busy = false;
    document.addEventListener('submit', (event) => { if (!event.defaultPrevented) busy = true; });
    live.forEach((fragment) => {
        fragment.addEventListener('htmx:beforeRequest', (event) => { if (busy) event.preventDefault(); });
        fragment.addEventListener('htmx:beforeOnLoad', (event) => {
            if (busy) event.preventDefault();
            else if (event.detail.xhr.getResponseHeader('HX-Refresh') === 'true') busy = true;
        });
    });
})();

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

// Quiz attempt: <span data-deadline="ISO time">: count down the time left; at zero submit the attempt
// (the server enforces the limit whatever the browser does).
(() => {
    const clock = document.querySelector('[data-deadline]');
    if (!clock) return;
    const deadline = Date.parse(clock.dataset.deadline);
    const tick = () => {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
        clock.classList.toggle('text-bg-danger', left <= 60);
        if (left > 0) return;
        clearInterval(timer);
        const submit = document.querySelector('[data-submit-on-timeout]');
        if (submit && submit.form) submit.form.requestSubmit(submit);
    };
    const timer = setInterval(tick, 1000);
    tick();
})();

// <div data-percent="42">: a bar's width, set through the DOM (a style attribute would break the Content-Security-Policy);
// again for content htmx swaps in (the search index status refreshes itself).
(() => {
    const widths = (root) => root.querySelectorAll && root.querySelectorAll('[data-percent]').forEach((bar) => {
        bar.style.width = `${Math.max(0, Math.min(100, Number(bar.dataset.percent) || 0))}%`;
    });
    widths(document);
    document.addEventListener('htmx:load', (event) => widths(event.detail.elt.parentNode || event.detail.elt));
})();

// <time datetime="…Z" data-local="time|date|datetime">: show a UTC time in the browser's time zone and language (the
// server writes it in UTC and says so, for readers without script); again for content htmx swaps in.
(() => {
    const formats = { time: { timeStyle: 'medium' }, date: { dateStyle: 'medium' }, datetime: { dateStyle: 'medium', timeStyle: 'short' } };
    const local = (root) => root.querySelectorAll && root.querySelectorAll('time[data-local]').forEach((time) => {
        const at = Date.parse(time.getAttribute('datetime'));
        if (Number.isNaN(at)) return;
        time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, formats[time.dataset.local] || formats.datetime).format(at);
        time.title = time.getAttribute('datetime');
    });
    local(document);
    document.addEventListener('htmx:load', (event) => local(event.detail.elt.parentNode || event.detail.elt));
})();
