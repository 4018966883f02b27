// Drag and drop for the group step: dropping a card on a group moves it on the page at once and posts the same form
// the "Move" button does (antiforgery token included). The card's select follows, so the page stays true without a
// reload (a reload would throw away what the facilitator does next); only a refused move reloads the server's board.
// Without JavaScript the select + Move button does the same.
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
        var groupId = zone.getAttribute('data-group-id');
        var data = new FormData(form);
        data.set('GroupId', groupId);
        zone.querySelector('ul').appendChild(dragged);
        var select = form.querySelector('select[name="GroupId"]');
        if (select) select.value = groupId;
        // The card is busy until the board has stored the move; keepalive lets the move finish if a form post
        // (the next Move, a new group) navigates away first.
        var card = dragged;
        card.setAttribute('aria-busy', 'true');
        var reload = function () { window.location.reload(); };
        fetch(form.action, { method: 'POST', body: data, headers: { 'HX-Request': 'true' }, credentials: 'same-origin', keepalive: true })
            .then(function (response) { if (response.ok) card.removeAttribute('aria-busy'); else reload(); }, reload);
    });
})();
