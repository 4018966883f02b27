// The running step's countdown. The page gives the time box's end in UTC from the server; the poll fragment
// (#drill-live, refreshed by htmx every few seconds) carries the server's clock, so the countdown follows the server's
// time, not the device's: offset = server now - device now, re-synced at every poll. Past the end it shows the overrun.
// The step itself changes on the server: the fragment then asks htmx to reload the page (HX-Refresh).
(function () {
    'use strict';
    var timer = document.querySelector('[data-drill-timer]');
    var live = document.querySelector('[data-drill-live]');
    if (!timer) return;
    var offset = 0;
    var ends = Date.parse(timer.getAttribute('data-ends-utc'));

    function sync() {
        var clock = live && live.querySelector('[data-clock-now]');
        if (!clock) return;
        var now = Date.parse(clock.getAttribute('data-clock-now'));
        if (!isNaN(now)) offset = now - Date.now();
        var end = Date.parse(clock.getAttribute('data-clock-ends'));
        if (!isNaN(end)) { ends = end; timer.setAttribute('data-ends-utc', clock.getAttribute('data-clock-ends')); }
    }

    function pad(n) { return n < 10 ? '0' + n : '' + n; }

    function format(ms) {
        var total = Math.floor(Math.abs(ms) / 1000);
        var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
        return h > 0 ? h + ':' + pad(m) + ':' + pad(s) : m + ':' + pad(s);
    }

    function tick() {
        if (isNaN(ends)) return;
        var left = ends - (Date.now() + offset);
        var over = left < 0;
        var label = timer.getAttribute(over ? 'data-label-over' : 'data-label-left') || '%t';
        timer.textContent = label.replace('%t', format(left));
        timer.classList.toggle('sa-overrun', over);
        timer.setAttribute('data-overrun', over ? 'true' : 'false');
    }

    sync();
    tick();
    setInterval(tick, 1000);
    if (live) live.addEventListener('htmx:afterSwap', function () { sync(); tick(); });
})();
