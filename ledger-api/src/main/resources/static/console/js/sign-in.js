import {api, safeNext, signIn, signOut, tell} from './console.js';

const form = document.getElementById('sign-in-form');
const result = document.getElementById('sign-in-result');
signOut();

form.addEventListener('submit', async event => {
    // the token goes in a header, never in the form's URL or body
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    const answer = await api('/api/v1/me', {token});
    if (!answer.ok) {
        tell(result, answer.status === 401 ? 'The ledger does not accept this token.' : answer.problem?.detail
            ?? 'The ledger answered ' + answer.status + '.', {error: true});
        return;
    }
    signIn(token);
    location.assign(safeNext(new URLSearchParams(location.search).get('next')));
});
