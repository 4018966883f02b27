// Passkeys (WebAuthn) for forms marked data-passkey="create" (add a passkey) or "request" (sign in).
// On submit: fetch the options from data-options-url (a POST with the form's antiforgery token), let the browser
// create or get the credential, put its JSON into the form's credentialJson field and submit the form.
// An external file, because the Content-Security-Policy allows no inline script.
(function () {
    'use strict';

    const supported = typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
        && navigator.credentials !== undefined;

    function showError(form, text) {
        const target = form.querySelector('[data-passkey-error]');
        if (!target) return;
        target.textContent = text;
        target.hidden = false;
    }

    async function fetchOptions(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]');
        const response = await fetch(form.dataset.optionsUrl, {
            method: 'POST',
            credentials: 'same-origin',
            headers: token ? { 'RequestVerificationToken': token.value } : {},
        });
        if (!response.ok) throw new Error('options: HTTP ' + response.status);
        return response.json();
    }

    async function obtainCredential(form) {
        const json = await fetchOptions(form);
        if (form.dataset.passkey === 'create') {
            return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
        }
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    }

    document.querySelectorAll('form[data-passkey]').forEach(function (form) {
        const field = form.querySelector('input[name="credentialJson"]');
        form.addEventListener('submit', async function (event) {
            if (field.value) return; // the credential is in: the real submit
            event.preventDefault();
            if (!supported) {
                showError(form, form.dataset.errorUnsupported);
                return;
            }
            const button = form.querySelector('button[type="submit"]');
            button.disabled = true;
            try {
                const credential = await obtainCredential(form);
                field.value = JSON.stringify(credential);
                form.submit();
            } catch (error) {
                // Cancelling the browser's dialog is the user's choice, not a failure worth a message.
                if (!error || error.name !== 'AbortError') showError(form, form.dataset.errorFailed);
                button.disabled = false;
            }
        });
    });
})();
