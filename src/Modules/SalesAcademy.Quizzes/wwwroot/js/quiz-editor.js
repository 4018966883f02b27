// Quiz editor (_QuizFields): the question search asks the server (htmx, /questions?handler=Picker) for the questions of the
// whole bank whose text (title · state · owner · id) holds every word typed, into a hidden [data-picker-options] element;
// they replace the options of every picker select, whose chosen option always stays.
(() => {
    document.addEventListener('htmx:afterSwap', (event) => {
        const source = event.detail.target;
        if (!source || !source.matches('[data-picker-options]')) return;
        const found = [...source.querySelectorAll('option')];
        document.querySelectorAll(source.dataset.pickerOptions).forEach((select) => {
            for (const option of [...select.options]) {
                if (option.value !== '' && !option.selected) option.remove();
            }
            const kept = new Set([...select.options].map((option) => option.value));
            for (const option of found) {
                if (!kept.has(option.value)) select.appendChild(option.cloneNode(true));
            }
        });
    });
})();
