// The studio editor in the browser: rows added and removed without a round-trip, and the address (slug) derived from the
// title until the author edits it. Without script the server-rendered form still works: an empty row at the end adds a
// row on save, and "remove" check boxes drop rows.
(() => {
    'use strict';

    // Inputs are named by field path (f.roles[2].brief); a copied row gets the next free index of its list.
    const renumber = (root, list, from, to) => {
        const pattern = new RegExp(`(^|[.])${list.replace(/[.]/g, '\\.')}\\[${from}\\]`);
        for (const el of root.querySelectorAll('[name], [id], [for], [aria-labelledby]')) {
            if (el.name && pattern.test(el.name)) el.name = el.name.replace(pattern, `$1${list}[${to}]`);
            for (const attribute of ['id', 'for']) {
                const value = el.getAttribute(attribute);
                if (value && value.endsWith(`-${from}`)) el.setAttribute(attribute, value.slice(0, -String(from).length) + to);
            }
        }
    };

    const clear = (root) => {
        for (const el of root.querySelectorAll('input, textarea, select')) {
            if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
            else if (el.tagName === 'SELECT') el.selectedIndex = -1;
            else el.value = '';
            el.classList.remove('is-invalid');
        }
    };

    const nextIndex = (container) => {
        const indexes = [...container.querySelectorAll('[data-row]')].map((row) => parseInt(row.dataset.row, 10) || 0);
        return indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
    };

    const removeButton = (container, row) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn btn-sm btn-outline-danger sa-row-remove';
        button.textContent = container.dataset.removeText || '×';
        button.setAttribute('aria-label', container.dataset.removeText || 'remove');
        button.addEventListener('click', () => {
            row.remove();
            const weight = container.querySelector('input[data-weight]'); // keep the rubric's weight total current
            if (weight) weight.dispatchEvent(new Event('input', { bubbles: true }));
        });
        (row.querySelector('[data-row-actions]') || row).appendChild(button);
    };

    const enhance = (container) => {
        const list = container.dataset.rows;
        // Script removes rows directly: the no-script "remove" boxes are hidden (and unticked).
        for (const box of container.querySelectorAll('[data-remove-check]')) { box.hidden = true; }
        const rows = container.querySelectorAll('[data-row]');
        const add = document.querySelector(`[data-add-row="${list}"]`);
        if (rows.length === 0 || !add) return;
        // The server's last row is the empty one: kept aside as the pattern of new rows, even once every row is removed.
        const template = rows[rows.length - 1].cloneNode(true);
        template.querySelectorAll('[data-remove-check]').forEach((box) => box.remove());
        let next = nextIndex(container);
        for (const row of rows) removeButton(container, row);
        add.hidden = false;
        add.addEventListener('click', () => {
            const copy = template.cloneNode(true);
            const to = Math.max(next, nextIndex(container));
            next = to + 1;
            renumber(copy, list, template.dataset.row, to);
            copy.dataset.row = String(to);
            clear(copy);
            container.appendChild(copy);
            removeButton(container, copy);
            const first = copy.querySelector('input:not([type=hidden]):not([type=checkbox]), textarea');
            if (first) first.focus();
        });
    };

    // The address from the title: lower-case Latin letters and digits joined by '-', as the server requires (3-64 of
    // a-z, 0-9, '-'). Other scripts (a Chinese title) give nothing to derive; the author types the address.
    const slugify = (title) => title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
        .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/g, '');

    const deriveSlug = (slug) => {
        const title = slug.dataset.slugFrom ? document.querySelector(slug.dataset.slugFrom) : null;
        if (!title) return;
        let edited = slug.value.trim().length > 0;
        slug.addEventListener('input', () => { edited = slug.value.trim().length > 0; });
        title.addEventListener('input', () => {
            if (edited) return;
            const derived = slugify(title.value);
            slug.value = derived.length >= 3 ? derived : '';
        });
    };

    const start = () => {
        document.querySelectorAll('[data-rows]').forEach(enhance);
        document.querySelectorAll('input[data-slug-from]').forEach(deriveSlug);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
