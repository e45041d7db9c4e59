import {api, form, h, has, instant, number, page, path, problemText, refused, ROLE, schemas, section, table, tell}
    from './console.js';
import {usageBar} from './charts.js';

const NEAREST = 10;
const DAY = 24 * 60 * 60 * 1000;

function freshness(projectedUpTo) {
    if (!projectedUpTo || projectedUpTo.position === null) {
        return h('p', {class: 'fresh', id: 'freshness'}, 'The reports have no decision yet.');
    }
    return h('p', {class: 'fresh', id: 'freshness'}, 'Reports include every event up to ',
        instant(projectedUpTo.eventTime), ' (position ', number(projectedUpTo.position), ')',
        projectedUpTo.replaying ? '; they are being rebuilt.' : '.');
}

function search() {
    const result = h('div', {'aria-live': 'polite'});
    const input = h('input', {id: 'search', name: 'id', type: 'search', required: true, autocomplete: 'off'});
    const element = h('form', {role: 'search', class: 'action', id: 'search-form'},
        h('div', {class: 'field'}, h('label', {for: 'search'}, 'Recipient or person ID'), input),
        h('div', {}, h('button', {type: 'submit'}, 'Open')), result);
    element.addEventListener('submit', async event => {
        event.preventDefault();
        const id = input.value.trim();
        const recipient = await api(path`/api/v1/recipients/${id}`);
        if (recipient.ok || recipient.status === 403) {
            location.assign('/console/recipient.html?id=' + encodeURIComponent(id));
            return;
        }
        const person = await api(path`/api/v1/persons/${id}`);
        if (person.ok || person.status === 403) {
            location.assign('/console/person.html?id=' + encodeURIComponent(id));
            return;
        }
        tell(result, 'No recipient or person is registered as "' + id + '".', {error: true});
    });
    return element;
}

function nearest(report) {
    const rows = report.recipients.slice(0, NEAREST).map(quota => [
        h('a', {href: '/console/recipient.html?id=' + encodeURIComponent(quota.recipientId)}, quota.recipientId),
        usageBar(quota.used, quota.reserved, quota.limit),
        number(quota.used), number(quota.reserved), number(quota.remaining),
        number(quota.limit) + ' (' + quota.limitSource + ')',
        quota.nextReleaseAt ? number(quota.nextReleaseAmount) + ' at ' + instant(quota.nextReleaseAt) : '–']);
    return table('The ' + NEAREST + ' recipients whose rolling window holds the largest share of their limit, as of '
        + instant(report.asOf), ['Recipient', 'Share of the limit', 'Used', 'Reserved', 'Remaining',
        'Limit (source)', 'Next release'], rows, {id: 'nearest', empty: 'No recipient has Post IDs in its window.'});
}

async function denials(now) {
    const from = new Date(Date.parse(now) - 7 * DAY).toISOString();
    const reasons = (await schemas()).DenialReason?.enum ?? [];
    const counted = await Promise.all(reasons.map(async reason => {
        const answer = await api('/api/v1/audit/decisions?decision=DENIED&size=1&count=true&reason=' + reason
            + '&from=' + encodeURIComponent(from));
        return {reason, total: answer.ok ? answer.body.total : 0};
    }));
    const rows = counted.filter(row => row.total > 0).sort((a, b) => b.total - a.total).map(row => [
        row.reason, number(row.total),
        h('a', {href: '/console/decisions.html?decision=DENIED&reason=' + row.reason + '&from='
                + encodeURIComponent(from)}, 'See them')]);
    return table('Denials since ' + instant(from) + ', by reason', ['Reason', 'Denials', ''],
        rows, {id: 'denials', empty: 'No denials in the last 7 days.'});
}

function endingSoon(register, now) {
    const until = Date.parse(now) + 30 * DAY;
    const rows = register.exemptions
        .filter(entry => !entry.revokedAt && Date.parse(entry.validUntil) > Date.parse(now)
            && Date.parse(entry.validUntil) <= until)
        .sort((a, b) => Date.parse(a.validUntil) - Date.parse(b.validUntil))
        .map(entry => [
            h('a', {href: '/console/recipient.html?id=' + encodeURIComponent(entry.recipientId)}, entry.recipientId),
            entry.kind, entry.exemptionId, instant(entry.validUntil), entry.reference]);
    return table('Exemptions whose validity ends within 30 days of ' + instant(now),
        ['Recipient', 'Kind', 'ID', 'Ends', 'Reference'], rows,
        {id: 'ending-soon', empty: 'No exemption ends in the next 30 days.'});
}

function register(kinds) {
    return form('Register a recipient', [
        {name: 'recipientId', label: 'Recipient ID', hint: 'Letters, digits, dot, dash, underscore'},
        {name: 'name', label: 'Name'},
        {name: 'kind', label: 'Kind', options: kinds}
    ], 'Register', async (values, result) => {
        const answer = await api('/api/v1/recipients', {method: 'POST', json: values});
        if (answer.ok) {
            location.assign('/console/recipient.html?id=' + encodeURIComponent(answer.body.recipientId));
        } else {
            tell(result, problemText(answer), {error: true});
        }
    }, {id: 'register-recipient'});
}

page('Overview', async (main, me) => {
    main.append(section('find', 'Find a recipient or person', search()));
    if (!has(me, ROLE.AUDITOR) || !me.everyRecipient) {
        if (!me.everyRecipient) {
            main.append(section('mine', 'Your recipients', me.recipients.length === 0 ? h('p', {}, 'None.')
                : h('ul', {id: 'my-recipients'}, me.recipients.map(id => h('li', {}, h('a', {
                    href: '/console/recipient.html?id=' + encodeURIComponent(id)}, id))))));
        }
        main.append(section('reports', 'Reports', h('p', {class: 'message note'},
            'The reports across recipients are for auditors: your token does not have the AUDITOR role for every '
            + 'recipient.')));
    } else {
        const near = await api('/api/v1/reports/near-limit?threshold=0');
        if (!near.ok) {
            main.append(section('near-limit', 'Nearest their limit', refused(near)));
        } else {
            const now = near.body.asOf;
            const exemptions = await api('/api/v1/reports/exemptions');
            main.append(section('near-limit', 'Nearest their limit', nearest(near.body),
                freshness(near.body.projectedUpTo)));
            main.append(h('div', {class: 'grid'},
                section('recent-denials', 'Denials in the last 7 days', await denials(now)),
                section('exemptions-ending', 'Exemptions ending soon',
                    exemptions.ok ? endingSoon(exemptions.body, now) : refused(exemptions))));
        }
    }
    if (has(me, ROLE.COMPLIANCE_OFFICER) && me.everyRecipient) {
        const kinds = (await schemas()).RecipientKind?.enum ?? [];
        main.append(section('register', 'Register a recipient', register(kinds)));
    }
});
