import {api, h, has, instant, number, page, path, problemText, refused, ROLE, section, table} from './console.js';

const DAY = 24 * 60 * 60 * 1000;
const id = new URLSearchParams(location.search).get('id') ?? '';

/** Objects granted to the person on each of the last 30 days of the ledger's object-export calendar. */
async function lastThirtyDays(today) {
    const dayEnds = Date.parse(today.resetsAt);
    const from = new Date(dayEnds - 30 * DAY).toISOString();
    const granted = [];
    let after = null;
    do {
        const answer = await api('/api/v1/audit/decisions?decision=GRANTED&size=1000&personId=' + encodeURIComponent(id)
            + '&from=' + encodeURIComponent(from) + (after ? '&after=' + encodeURIComponent(after) : ''));
        if (!answer.ok) {
            return refused(answer);
        }
        granted.push(...answer.body.items.filter(row => row.decisionType === 'OBJECT_EXPORT'));
        after = answer.body.next;
    } while (after);
    const days = new Map();
    for (const row of granted) {
        const daysBefore = Math.floor((dayEnds - 1 - Date.parse(row.decidedAt)) / DAY);
        const day = days.get(daysBefore) ?? {posts: 0, users: 0, exports: 0};
        day.posts += row.postObjects;
        day.users += row.userObjects;
        day.exports += 1;
        days.set(daysBefore, day);
    }
    const todayDate = Date.parse(today.day + 'T00:00:00Z');
    const rows = [...days.entries()].sort((a, b) => a[0] - b[0]).map(([daysBefore, day]) => [
        new Date(todayDate - daysBefore * DAY).toISOString().substring(0, 10), number(day.posts), number(day.users),
        number(day.posts + day.users) + ' of ' + number(today.limit), number(day.exports)]);
    return table('Full objects granted on each day of the last 30, newest first', ['Day', 'Post objects',
        'User objects', 'Together, of the daily limit', 'Exports'], rows,
        {id: 'objects-by-day', empty: 'No objects in the last 30 days.'});
}

async function affiliations() {
    const answer = await api(path`/api/v1/audit/persons/${id}/history`);
    if (!answer.ok) {
        return refused(answer);
    }
    const rows = answer.body.events
        .filter(event => event.type === 'PersonAffiliated' || event.type === 'AffiliationEnded')
        .map(event => [instant(event.occurredAt), event.type === 'PersonAffiliated' ? 'joined' : 'left',
            h('a', {href: '/console/recipient.html?id=' + encodeURIComponent(event.payload.recipientId)},
                event.payload.recipientId), event.actor ?? '']);
    return table('Affiliations, oldest first', ['At', 'Change', 'Recipient', 'Recorded by'], rows,
        {id: 'affiliations', empty: 'Never affiliated with an entity.'});
}

page('Person', async (main, me) => {
    const person = await api(path`/api/v1/persons/${id}`);
    if (!person.ok) {
        main.append(h('p', {class: 'message error', role: 'alert', id: 'refusal'}, problemText(person)));
        return;
    }
    const today = person.body.objectsToday;
    main.querySelector('h1').textContent = 'Person ' + person.body.personId;
    main.append(section('now', 'Now',
        h('p', {}, person.body.recipientId ? h('span', {}, 'With ', h('a', {
            href: '/console/recipient.html?id=' + encodeURIComponent(person.body.recipientId)
        }, person.body.recipientId), '.') : 'With no entity.'),
        h('dl', {class: 'figures'},
            h('div', {}, h('dt', {}, 'Objects today (' + today.day + ')'),
                h('dd', {id: 'objects-today'}, number(today.used) + ' of ' + number(today.limit))),
            h('div', {}, h('dt', {}, 'Remaining today'), h('dd', {}, number(today.remaining))),
            h('div', {}, h('dt', {}, 'Day ends'), h('dd', {}, instant(today.resetsAt))),
            h('div', {}, h('dt', {}, 'Own terms'),
                h('dd', {}, person.body.termsAccepted ? 'accepted' : 'not accepted')))));
    if (has(me, ROLE.AUDITOR)) {
        main.append(section('days', 'The last 30 days', await lastThirtyDays(today)));
        main.append(section('history', 'Affiliation history', await affiliations()));
    } else {
        main.append(h('p', {class: 'message note'}, 'The person\'s history is in the audit trail, for auditors.'));
    }
});
