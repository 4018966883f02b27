// The running step's countdown on the session page. The page gives the time box's end in UTC from the server; the poll
// fragment (#drill-live) carries the server's clock, so the countdown follows the server's time, not the device's:
// offset = server now - device now, re-synced at every poll. Past the end it shows the overrun. (The same fragment reloads
// the page once the facilitator has moved the session on: the theme's data-live-reload.)
(function () {
    'use strict';
    var live = document.querySelector('[data-drill-live]');
    var timer = document.querySelector('[data-drill-timer]');
    var offset = 0;
    var ends = timer ? Date.parse(timer.getAttribute('data-ends-utc')) : NaN;

    function pad(n) { return n < 10 ? '0' + n : '' + n; }

    function format(ms) {
        var total = Math.floor(Math.abs(ms) / 1000);
        var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
        return h > 0 ? h + ':' + pad(m) + ':' + pad(s) : m + ':' + pad(s);
    }

    function tick() {
        if (!timer || isNaN(ends)) return;
        var left = ends - (Date.now() + offset);
        var over = left < 0;
        var label = timer.getAttribute(over ? 'data-label-over' : 'data-label-left') || '%t';
        timer.textContent = label.replace('%t', format(left));
        timer.classList.toggle('sa-overrun', over);
        timer.setAttribute('data-overrun', over ? 'true' : 'false');
    }

    function sync() {
        var state = live && live.querySelector('[data-live-at]');
        if (!state) return;
        var now = Date.parse(state.getAttribute('data-clock-now'));
        if (!isNaN(now)) offset = now - Date.now();
        var end = Date.parse(state.getAttribute('data-clock-ends'));
        if (timer && !isNaN(end)) { ends = end; timer.setAttribute('data-ends-utc', state.getAttribute('data-clock-ends')); }
    }

    if (live) live.addEventListener('htmx:afterSwap', function () { sync(); tick(); });
    sync();
    tick();
    if (timer) setInterval(tick, 1000);
})();
