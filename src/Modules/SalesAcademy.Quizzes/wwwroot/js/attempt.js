// Taking a quiz (Take.cshtml): a live "answered" counter, a warning before submitting with unanswered questions, and
// ordering questions reordered with up/down buttons (the keyboard alternative), drag and drop, or the place selects.
// The places of an ordering question are always kept a permutation once touched, so a half-way reorder never posts
// duplicate places (which the server refuses). The server holds the truth; this only helps the taker.
(() => {
    const form = document.querySelector('form[data-attempt]');
    if (!form) return;
    const fill = (template, ...args) => args.reduce((text, arg, i) => text.replace(`%${i}`, arg), template);

    // --- answered / unanswered -------------------------------------------------------------------------------
    const isAnswered = (fieldset) => {
        if (fieldset.dataset.kind === 'ordering') {
            const selects = [...fieldset.querySelectorAll('select')];
            return selects.length > 0 && selects.every((s) => s.value !== '');
        }
        if (fieldset.querySelector('input[type=radio]:checked, input[type=checkbox]:checked')) return true;
        const text = fieldset.querySelector('input[type=text], textarea');
        return !!text && text.value.trim() !== '';
    };
    const questions = () => [...form.querySelectorAll('fieldset.sa-question')];
    const unanswered = () => questions().filter((f) => !isAnswered(f)).map((f) => Number(f.dataset.slot) + 1);
    const counter = document.getElementById('answered-count');
    const updateCounter = () => {
        if (!counter) return;
        const total = questions().length;
        const text = fill(counter.dataset.template, String(total - unanswered().length), String(total));
        if (counter.textContent !== text) counter.textContent = text;
    };

    // --- ordering -----------------------------------------------------------------------------------------------
    const items = (list) => [...list.querySelectorAll(':scope > .sa-order-item')];
    const selectOf = (li) => li.querySelector('select');
    const announcer = document.getElementById('order-announcer');
    // Places follow the list's order on screen.
    const renumber = (list) => items(list).forEach((li, i) => { selectOf(li).value = String(i + 1); });
    // Show the list in the order of its places (items without a place keep their turn at the end).
    const sortByPlaces = (list) => {
        const place = (li) => Number(selectOf(li).value) || Number.MAX_SAFE_INTEGER;
        items(list).map((li, i) => ({ li, i })).sort((a, b) => place(a.li) - place(b.li) || a.i - b.i)
            .forEach(({ li }) => list.appendChild(li));
    };
    const announce = (li) => {
        if (!announcer) return;
        const list = li.parentElement;
        announcer.textContent = fill(announcer.dataset.template, li.querySelector('.sa-order-text').textContent.trim(),
            String(items(list).indexOf(li) + 1), String(items(list).length));
    };
    const changed = (list) => {
        // One change event for htmx's autosave (the form listens for "change").
        const event = new Event('change', { bubbles: true });
        event.saReordered = true;
        selectOf(items(list)[0]).dispatchEvent(event);
    };
    const move = (li, offset) => {
        const list = li.parentElement;
        const all = items(list);
        const to = all.indexOf(li) + offset;
        if (to < 0 || to >= all.length) return;
        if (offset < 0) list.insertBefore(li, all[to]); else list.insertBefore(all[to], li);
        renumber(list);
        items(list).forEach((x) => { selectOf(x).dataset.previous = selectOf(x).value; });
        announce(li);
        changed(list);
    };
    document.querySelectorAll('.sa-order').forEach((list) => {
        list.querySelectorAll('.sa-order-moves').forEach((moves) => moves.classList.remove('d-none'));
        items(list).forEach((li) => { selectOf(li).dataset.previous = selectOf(li).value; });
        list.addEventListener('click', (event) => {
            const button = event.target.closest('.sa-order-up, .sa-order-down');
            if (!button) return;
            move(button.closest('.sa-order-item'), button.classList.contains('sa-order-up') ? -1 : 1);
            button.focus();
        });
        let dragged = null;
        list.addEventListener('dragstart', (event) => {
            dragged = event.target.closest('.sa-order-item');
            if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
        });
        list.addEventListener('dragover', (event) => { if (dragged) event.preventDefault(); });
        list.addEventListener('drop', (event) => {
            const target = event.target.closest('.sa-order-item');
            event.preventDefault();
            if (!dragged || !target || target === dragged) { dragged = null; return; }
            const all = items(list);
            if (all.indexOf(dragged) < all.indexOf(target)) target.after(dragged); else target.before(dragged);
            renumber(list);
            items(list).forEach((x) => { selectOf(x).dataset.previous = selectOf(x).value; });
            announce(dragged);
            changed(list);
            dragged = null;
        });
    });
    // A place picked in a select: runs before htmx sees the change (capture), so what is posted is already a permutation.
    document.addEventListener('change', (event) => {
        const select = event.target;
        const li = select.closest && select.closest('.sa-order-item');
        if (!li || select.tagName !== 'SELECT' || event.saReordered) return;
        const list = li.parentElement;
        const selects = items(list).map(selectOf);
        if (select.value === '') {
            selects.forEach((s) => { s.value = ''; }); // back to unanswered, all of it
        } else {
            if (selects.some((s) => s.value === '')) {
                // First touch: the others keep their turn on screen.
                const others = items(list).filter((x) => x !== li);
                const free = selects.map((_, i) => String(i + 1)).filter((p) => p !== select.value);
                others.forEach((x, i) => { selectOf(x).value = free[i]; });
            } else {
                const clash = selects.find((s) => s !== select && s.value === select.value);
                if (clash) clash.value = select.dataset.previous || '';
            }
            sortByPlaces(list);
            announce(li);
        }
        selects.forEach((s) => { s.dataset.previous = s.value; });
    }, true);

    // --- live counter and the warning before submitting ----------------------------------------------------------
    form.addEventListener('change', updateCounter);
    form.addEventListener('input', updateCounter);
    updateCounter();

    const confirmed = document.getElementById('gaps-confirmed');
    form.addEventListener('submit', (event) => {
        const submitter = event.submitter;
        if (!submitter || !submitter.hasAttribute('data-submit-attempt') || !confirmed) return;
        const clock = document.querySelector('[data-deadline]');
        const timedOut = clock && Date.parse(clock.dataset.deadline) <= Date.now();
        const gaps = unanswered();
        if (gaps.length === 0 || timedOut || window.confirm(fill(form.dataset.gapsMessage, gaps.join(', ')))) {
            confirmed.value = '1';
        } else {
            event.preventDefault();
        }
    });
})();
