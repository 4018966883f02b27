// The cycle editor: shows only the settings of the chosen kind (without script every kind's settings are shown;
// the server reads only the chosen kind's).
(function () {
    const kind = document.getElementById('cycle-kind');
    if (!kind) return;
    const show = () => {
        document.querySelectorAll('[data-kind-settings]').forEach(set => {
            set.hidden = set.dataset.kindSettings !== kind.value;
        });
    };
    // A new cycle starts with its kind's usual cadence (a daily sweep or reminder: "0 9 * * *") until the cadence or the
    // cron expression is changed by hand.
    const cadence = document.getElementById('cycle-cadence');
    const cron = document.getElementById('cycle-cron');
    let chosenByHand = !!(cron && cron.value);
    [cadence, cron].forEach(el => el && el.addEventListener('change', () => { chosenByHand = true; }));
    const defaults = () => {
        const wanted = kind.selectedOptions[0] && kind.selectedOptions[0].dataset.defaultCron;
        if (chosenByHand || !cadence || !cron || kind.form.dataset.newCycle !== 'true') return;
        cadence.value = wanted ? 'cron' : 'weekly';
        cron.value = wanted || '';
    };
    kind.addEventListener('change', () => { show(); defaults(); });
    show();
    defaults();
})();
