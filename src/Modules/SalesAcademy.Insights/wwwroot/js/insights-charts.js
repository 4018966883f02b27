// The insights dashboards' charts (Chart.js from the theme). Each canvas carries its data in data-insight-chart (JSON: kind,
// labels, series, min, max): no inline script. The table under each chart holds the same figures for screen readers, and
// its CSV download the same again. Heat maps are the coloured table itself (classes from site.css), so they need no script.
(() => {
    if (typeof Chart === 'undefined') return;
    const colors = ['#0d6efd', '#198754', '#dc3545', '#fd7e14', '#6f42c1', '#20c997', '#6c757d'];
    document.querySelectorAll('canvas[data-insight-chart]').forEach(canvas => {
        let data;
        try { data = JSON.parse(canvas.dataset.insightChart || '{}'); } catch { return; }
        const kind = data.kind === 'radar' ? 'radar' : data.kind === 'bar' ? 'bar' : 'line';
        const datasets = (data.series || []).map((s, i) => ({
            label: s.label, data: s.data, borderColor: colors[i % colors.length],
            backgroundColor: kind === 'line' ? colors[i % colors.length] : colors[i % colors.length] + '55',
            tension: 0.2, spanGaps: true,
        }));
        const range = { min: data.min, max: data.max };
        new Chart(canvas, {
            type: kind,
            data: { labels: data.labels || [], datasets },
            options: {
                animation: false,
                aspectRatio: kind === 'radar' ? 1.6 : 2.5,
                scales: kind === 'radar' ? { r: { ...range, ticks: { stepSize: 1 } } } : { y: range },
                plugins: { legend: { position: 'bottom' } },
            },
        });
        // For tests and screenshots: the chart is drawn, with this many points.
        canvas.dataset.chartDrawn = String(datasets.reduce((n, d) => n + d.data.filter(v => v !== null).length, 0));
    });
})();
