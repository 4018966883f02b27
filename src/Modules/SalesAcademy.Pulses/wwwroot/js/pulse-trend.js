// A team's pulse trend: one line per dimension (Chart.js from the theme). Data comes from data-chart (no inline script);
// the table under the chart holds the same figures for screen readers and for copying.
(() => {
    const canvas = document.getElementById('pulse-trend-chart');
    if (!canvas || typeof Chart === 'undefined') return;
    const data = JSON.parse(canvas.dataset.chart || '{}');
    const colors = ['#0d6efd', '#198754', '#dc3545', '#fd7e14', '#6f42c1', '#20c997', '#6c757d'];
    new Chart(canvas, {
        type: 'line',
        data: {
            labels: data.labels || [],
            datasets: (data.series || []).map((s, i) => ({
                label: s.label, data: s.data, borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
                tension: 0.2, spanGaps: true,
            })),
        },
        options: {
            animation: false,
            aspectRatio: 2.5,
            scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } },
            plugins: { legend: { position: 'bottom' } },
        },
    });
})();
