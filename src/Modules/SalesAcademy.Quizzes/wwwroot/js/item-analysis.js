// Item analysis: the facility bar chart (Chart.js from the theme). Data comes from data-* attributes (no inline script).
(() => {
    const canvas = document.getElementById('facility-chart');
    if (!canvas || typeof Chart === 'undefined') return;
    const labels = JSON.parse(canvas.dataset.labels || '[]');
    const values = JSON.parse(canvas.dataset.values || '[]');
    const flagged = JSON.parse(canvas.dataset.flagged || '[]');
    new Chart(canvas, {
        type: 'bar',
        data: {
            labels,
            datasets: [{
                label: canvas.dataset.series,
                data: values,
                backgroundColor: flagged.map(f => f ? 'rgba(220, 53, 69, 0.75)' : 'rgba(13, 110, 253, 0.7)'),
            }],
        },
        options: {
            animation: false,
            aspectRatio: 4,
            scales: { y: { min: 0, max: 100, ticks: { callback: v => v + '%' } } },
            plugins: { legend: { display: false } },
        },
    });
})();
