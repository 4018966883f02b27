// Quiz editor (_QuizFields): <input data-filter-options="selector">: typing narrows the options of those selects to the ones
// whose text (title · state · owner · id) holds every word typed; the chosen option always stays.
(() => {
    document.querySelectorAll('input[data-filter-options]').forEach((box) => {
        const selects = () => document.querySelectorAll(box.dataset.filterOptions);
        box.addEventListener('input', () => {
            const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
            selects().forEach((select) => [...select.options].forEach((option) => {
                const text = option.textContent.toLowerCase();
                option.hidden = option.value !== '' && !option.selected && !words.every((w) => text.includes(w));
            }));
        });
    });
})();
