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
    kind.addEventListener('change', show);
    show();
})();
