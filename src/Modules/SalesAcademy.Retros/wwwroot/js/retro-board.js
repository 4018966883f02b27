// Drag and drop for the group step: dropping a card on a group posts the same form the "Move" button does
// (antiforgery token included), then reloads. Without JavaScript the select + Move button does the same.
(function () {
    'use strict';
    var board = document.querySelector('[data-retro-board]');
    if (!board) return;
    var dragged = null;
    board.addEventListener('dragstart', function (e) {
        var card = e.target.closest('[data-card]');
        if (!card) return;
        dragged = card;
        card.classList.add('sa-dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', card.getAttribute('data-card'));
    });
    board.addEventListener('dragend', function () {
        if (dragged) dragged.classList.remove('sa-dragging');
        dragged = null;
        board.querySelectorAll('.sa-drop-over').forEach(function (el) { el.classList.remove('sa-drop-over'); });
    });
    board.addEventListener('dragover', function (e) {
        var zone = e.target.closest('[data-group-id]');
        if (!zone || !dragged) return;
        e.preventDefault();
        zone.classList.add('sa-drop-over');
    });
    board.addEventListener('dragleave', function (e) {
        var zone = e.target.closest('[data-group-id]');
        if (zone && !zone.contains(e.relatedTarget)) zone.classList.remove('sa-drop-over');
    });
    board.addEventListener('drop', function (e) {
        var zone = e.target.closest('[data-group-id]');
        if (!zone || !dragged) return;
        e.preventDefault();
        var form = dragged.querySelector('form');
        var data = new FormData(form);
        data.set('GroupId', zone.getAttribute('data-group-id'));
        zone.querySelector('ul').appendChild(dragged);
        fetch(form.action, { method: 'POST', body: data, headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
            .then(function () { window.location.reload(); });
    });
})();
