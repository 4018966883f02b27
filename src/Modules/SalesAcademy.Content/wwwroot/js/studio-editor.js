// The studio editor in the browser: rows and (playbook) role columns added and removed without a round-trip, and the
// address (slug) the server derives from the title shown until the author edits it. Without script the server-rendered form still works: an empty row at the end adds a
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
        container.rowTemplate = template; // a column added later (a playbook's role) is added to it too
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

    // Columns (a playbook's roles): the table's last column is the pattern of a new one, in the header, in every row
    // and in the pattern of new rows; its inputs' indexes in the lists named by data-columns (e.g. "roles raci") move on.
    const enhanceColumns = (table) => {
        const lists = table.dataset.columns.split(' ');
        const add = document.querySelector(`[data-add-column="${table.id}"]`);
        if (!add) return;
        add.hidden = false;
        add.addEventListener('click', () => {
            const heads = [...table.querySelectorAll('thead [data-column]')];
            if (heads.length === 0) return;
            const from = heads[heads.length - 1].dataset.column;
            const to = Math.max(...heads.map((h) => parseInt(h.dataset.column, 10) || 0)) + 1;
            const copy = (cell) => {
                const c = cell.cloneNode(true);
                for (const list of lists) renumber(c, list, from, to);
                c.dataset.column = String(to);
                c.querySelectorAll('[data-column-note]').forEach((note) => note.remove());
                clear(c);
                return c;
            };
            const head = copy(heads[heads.length - 1]);
            heads[heads.length - 1].after(head);
            const body = table.querySelector('[data-rows]');
            const rows = [...table.querySelectorAll('tbody [data-row]'), ...(body && body.rowTemplate ? [body.rowTemplate] : [])];
            for (const row of rows) {
                const cells = row.querySelectorAll('[data-column]');
                if (cells.length > 0) cells[cells.length - 1].after(copy(cells[cells.length - 1]));
            }
            const input = head.querySelector('input');
            if (input) input.focus();
        });
    };

    // The address from the title, as the server suggests it (pinyin for a Chinese title), until the author edits it.
    const deriveSlug = (slug) => {
        const title = slug.dataset.slugFrom ? document.querySelector(slug.dataset.slugFrom) : null;
        if (!title || !slug.dataset.slugUrl) return;
        let edited = slug.value.trim().length > 0;
        let asked = 0;
        let timer = null;
        slug.addEventListener('input', () => { edited = slug.value.trim().length > 0; });
        title.addEventListener('input', () => {
            if (edited) return;
            clearTimeout(timer);
            timer = setTimeout(async () => {
                const ask = ++asked;
                const url = `${slug.dataset.slugUrl}&title=${encodeURIComponent(title.value)}`;
                try {
                    const response = await fetch(url, { headers: { Accept: 'application/json' } });
                    if (!response.ok) return;
                    const body = await response.json();
                    if (ask !== asked) return; // only the latest answer counts
                    slug.placeholder = body.slug || '';
                    // Never into the field while the author is in it: an answer landing as they started typing joined
                    // the two addresses ("…xinmy-slug"). The suggestion stays visible as the placeholder.
                    if (!edited && document.activeElement !== slug) slug.value = body.slug || '';
                } catch { /* offline: the author types the address, or the save derives it */ }
            }, 150);
        });
    };

    const start = () => {
        document.querySelectorAll('[data-rows]').forEach(enhance);
        document.querySelectorAll('table[data-columns]').forEach(enhanceColumns);
        document.querySelectorAll('input[data-slug-from]').forEach(deriveSlug);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
