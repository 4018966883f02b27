// Drill scores across finalised sessions: one line for the team score, one per player (Chart.js from the theme). The data comes
// from data-drill-chart (no inline script); the table under the chart holds the same figures for screen readers and copying.
(() => {
    const canvas = document.getElementById('drill-history-chart');
    if (!canvas || typeof Chart === 'undefined') return;
    const data = JSON.parse(canvas.dataset.drillChart || '{}');
    const colors = ['#212529', '#0d6efd', '#198754', '#dc3545', '#fd7e14', '#6f42c1', '#20c997', '#6c757d'];
    const chart = new Chart(canvas, {
        type: 'line',
        data: {
            labels: data.labels || [],
            datasets: (data.series || []).map((s, i) => ({
                label: s.label, data: s.data, borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length],
                borderWidth: i === 0 ? 3 : 2, tension: 0.2, spanGaps: true,
            })),
        },
        options: {
            animation: false,
            aspectRatio: 2.5,
            scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } },
            plugins: { legend: { position: 'bottom' } },
        },
    });
    // Tests and tools can tell a drawn chart from an empty canvas.
    canvas.dataset.chartDrawn = String(chart.data.datasets.reduce((n, s) => n + s.data.filter(v => v !== null).length, 0));
})();
