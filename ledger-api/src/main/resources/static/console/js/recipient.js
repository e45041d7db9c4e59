import {api, form, h, has, instant, number, page, path, problemText, refused, ROLE, schemas, section, table, tell}
    from './console.js';
import {chart, seconds, usageBar} from './charts.js';

const DAY = 24 * 60 * 60 * 1000;
const id = new URLSearchParams(location.search).get('id') ?? '';

function figure(label, value, figureId) {
    return h('div', {}, h('dt', {}, label), h('dd', {id: figureId}, value));
}

function quotaNow(quota) {
    const postIds = quota.postIds;
    return [
        usageBar(postIds.used, postIds.reserved, postIds.limit),
        h('dl', {class: 'figures'},
            figure('Post IDs used', number(postIds.used), 'used'),
            figure('Reserved', number(postIds.reserved), 'reserved'),
            figure('Remaining', number(postIds.remaining), 'remaining'),
            figure('Limit', number(postIds.limit), 'limit'),
            figure('Limit from', postIds.limitSource, 'limit-source'),
            figure('Window', postIds.windowDays + ' days, from ' + instant(postIds.windowStart), 'window'),
            figure('Next release', postIds.nextReleaseAt
                ? number(postIds.nextReleaseAmount) + ' at ' + instant(postIds.nextReleaseAt) : 'none', 'next-release'),
            figure('User IDs in the window', number(quota.userIds.inWindow), 'user-ids'),
            figure('DM IDs in the window', number(quota.directMessageIds.inWindow), 'dm-ids'))];
}

function usageChart(series) {
    const points = series.points;
    const anyReserved = points.some(point => point.reserved > 0);
    const lines = [
        {label: 'Post IDs used', values: points.map(point => point.used), dash: [], stepped: true},
        ...(anyReserved ? [{label: 'Used and reserved', values: points.map(point => point.used + point.reserved),
            dash: [2, 3], stepped: true}] : []),
        {label: 'Limit in force', values: points.map(point => point.limit), dash: [10, 5], stepped: true}];
    return [
        chart('usage-chart', 'Post IDs in the window at each day of the last 90 days, against the limit in force',
            points.map(point => seconds(point.at)), lines),
        h('details', {}, h('summary', {}, 'The chart\'s figures'),
            table('Post IDs in the window at each instant, from the recipient\'s history',
                ['At', 'Used', 'Reserved', 'Limit', 'Limit from'],
                points.map(point => [instant(point.at), number(point.used), number(point.reserved),
                    number(point.limit), point.limitSource]), {id: 'usage-points'}))];
}

function releasesChart(releases) {
    const list = releases.releases;
    const xs = [seconds(releases.asOf), ...list.map(release => seconds(release.at))];
    const ys = [0, ...list.map(release => release.cumulative)];
    return [
        chart('releases-chart', 'Post IDs that leave the window by each instant of the next 30 days', xs,
            [{label: 'Released, cumulative', values: ys, dash: [], stepped: true}]),
        h('details', {}, h('summary', {}, 'The chart\'s figures'),
            table('Releases until ' + instant(releases.until), ['At', 'Post IDs released', 'Cumulative'],
                list.map(release => [instant(release.at), number(release.amount), number(release.cumulative)]),
                {id: 'releases', empty: 'No Post IDs leave the window in the next 30 days.'}))];
}

function planner() {
    return form('Plan an export', [
        {name: 'postIdCount', label: 'Post IDs', type: 'number', value: '0'},
        {name: 'userIdCount', label: 'User IDs', type: 'number', value: '0'},
        {name: 'directMessageIdCount', label: 'DM IDs', type: 'number', value: '0'}
    ], 'When does it fit?', async (values, result) => {
        const query = new URLSearchParams(values).toString();
        const answer = await api(path`/api/v1/recipients/${id}/fit` + '?' + query);
        if (!answer.ok) {
            tell(result, problemText(answer), {error: true});
            return;
        }
        const fit = answer.body;
        const text = fit.fit === 'FITS_NOW' ? 'Fits now.'
            : fit.fit === 'FITS_LATER' ? 'Fits from ' + instant(fit.fitsAt) + '.'
                : 'Does not fit as things stand: ' + fit.reason + '.';
        result.replaceChildren(h('p', {class: 'answer', id: 'fit-answer', 'data-fit': fit.fit,
            'data-fits-at': fit.fitsAt ?? ''}, text));
    }, {id: 'planner'});
}

function exemptionRows(quota, officer, reload) {
    const now = Date.parse(quota.asOf);
    // revoking ends an exemption from now on: one revoked or already over has nothing left to end
    const revoke = (kind, exemptionId, exemption) => {
        if (!officer || exemption.revokedAt || Date.parse(exemption.validUntil) <= now) {
            return '';
        }
        const button = h('button', {type: 'button', class: 'danger'}, 'Revoke ' + exemptionId);
        button.addEventListener('click', async () => {
            if (!confirm('Revoke ' + exemptionId + '? The recipient loses it from now on.')) {
                return;
            }
            const answer = await api(path`/api/v1/recipients/${id}/${kind}/` + exemptionId.split('/')
                .map(encodeURIComponent).join('/'), {method: 'DELETE'});
            answer.ok ? reload() : alert(problemText(answer));
        });
        return button;
    };
    const validity = exemption => instant(exemption.validFrom) + ' to ' + instant(exemption.validUntil)
        + (exemption.revokedAt ? ', revoked ' + instant(exemption.revokedAt) : '');
    const state = exemption => exemption.validNow ? 'valid now' : exemption.revokedAt ? 'revoked' : 'not valid now';
    return [
        table('Limit permissions X gave in writing', ['ID', 'Post ID limit', 'Validity', 'State', 'Reference',
                'Granted by', ''],
            quota.limitPermissions.map(p => [p.permissionId, number(p.postIdLimit), validity(p), state(p),
                p.writtenPermissionReference, p.grantedBy, revoke('limit-permissions', p.permissionId, p)]),
            {id: 'limit-permissions', empty: 'No limit permissions.'}),
        table('Academic approvals', ['ID', 'Institution', 'Post IDs used of approved', 'User IDs used of approved',
                'Validity', 'State', 'Reference', ''],
            quota.academicApprovals.map(a => [a.approvalId, a.institution,
                number(a.usedPostIds) + ' of ' + number(a.approvedPostIds),
                number(a.usedUserIds) + ' of ' + number(a.approvedUserIds), validity(a), state(a),
                a.writtenApprovalReference, revoke('academic-approvals', a.approvalId, a)]),
            {id: 'academic-approvals', empty: 'No academic approvals.'}),
        table('Access under Art. 40 of the EU DSA', ['ID', 'Validity', 'State', 'Reference', 'Granted by', ''],
            quota.dsaAccesses.map(d => [d.accessId, validity(d), state(d), d.reference, d.grantedBy,
                revoke('dsa-access', d.accessId, d)]),
            {id: 'dsa-accesses', empty: 'No DSA access.'})];
}

function grantForms(schema, reload) {
    const validity = [
        {name: 'validFrom', label: 'Valid from', instant: true, hint: 'UTC unless an offset is given'},
        {name: 'validUntil', label: 'Valid until', instant: true}];
    const granted = (kind) => async (values, result) => {
        const answer = await api(path`/api/v1/recipients/${id}/${kind}`, {method: 'POST', json: values});
        answer.ok ? reload() : tell(result, problemText(answer), {error: true});
    };
    return h('div', {},
        h('details', {}, h('summary', {}, 'Grant a limit permission'), form('Grant a limit permission', [
            {name: 'permissionId', label: 'Permission ID'},
            {name: 'postIdLimit', label: 'Post ID limit', type: 'number'},
            ...validity,
            {name: 'writtenPermissionReference', label: 'X\'s written permission (reference)'},
            {name: 'grantedBy', label: 'Granted by (at X)'}
        ], 'Grant', granted('limit-permissions'), {id: 'grant-limit-permission'})),
        h('details', {}, h('summary', {}, 'Grant an academic approval'), form('Grant an academic approval', [
            {name: 'approvalId', label: 'Approval ID'},
            {name: 'institution', label: 'Institution'},
            {name: 'purpose', label: 'Purpose', options: schema.ResearchPurpose?.enum ?? []},
            {name: 'approvedPostIds', label: 'Approved Post IDs', type: 'number'},
            {name: 'approvedUserIds', label: 'Approved User IDs', type: 'number'},
            ...validity,
            {name: 'writtenApprovalReference', label: 'X\'s written approval (reference)'},
            {name: 'grantedBy', label: 'Granted by (at X)'}
        ], 'Grant', granted('academic-approvals'), {id: 'grant-academic-approval'})),
        h('details', {}, h('summary', {}, 'Record access under Art. 40 of the EU DSA'), form('Record DSA access', [
            {name: 'accessId', label: 'Access ID'},
            {name: 'reference', label: 'Reference'},
            ...validity,
            {name: 'grantedBy', label: 'Granted by'}
        ], 'Record', granted('dsa-access'), {id: 'grant-dsa-access'})));
}

function terms(recipient, inForce, documents, officer, reload) {
    const outdated = new Set((recipient.outdatedTerms ?? []).map(entry => entry.document));
    const accepted = Object.entries(recipient.acceptedTerms).map(([document, acceptance]) => [document,
        acceptance.version, acceptance.acceptedBy, instant(acceptance.acceptedAt),
        outdated.has(document) ? 'outdated: accept again' : 'current']);
    const content = [
        h('p', {id: 'terms-state'}, recipient.termsAccepted ? 'Terms accepted: the recipient may receive shares.'
            : 'Terms not accepted: the recipient receives nothing until it accepts '
            + [...recipient.missingTerms, ...outdated].join(', ') + '.'),
        table('Documents accepted', ['Document', 'Version', 'Accepted by', 'At', 'State'], accepted,
            {id: 'accepted-terms', empty: 'No document accepted yet.'})];
    if (officer) {
        const current = {};
        for (const version of inForce) {
            if (version.status === 'IN_FORCE') {
                current[version.document] = version.version;
            }
        }
        content.push(h('details', {}, h('summary', {}, 'Record an acceptance'), form('Record an acceptance', [
            {name: 'acceptedBy', label: 'Accepted by (who, at the recipient)'},
            ...documents.map(document => ({name: document, label: document + ' version', value: current[document],
                required: false, hint: current[document] ? 'The version in force' : 'Leave empty if not accepted'}))
        ], 'Record', async (values, result) => {
            const {acceptedBy, ...versions} = values;
            const answer = await api(path`/api/v1/recipients/${id}/terms-acceptances`,
                {method: 'POST', json: {acceptedBy, documents: versions}});
            answer.ok ? reload() : tell(result, problemText(answer), {error: true});
        }, {id: 'accept-terms'})));
    }
    return content;
}

async function decisions() {
    const answer = await api('/api/v1/audit/decisions?order=newest&size=20&count=true&recipientId='
        + encodeURIComponent(id));
    if (!answer.ok) {
        return [refused(answer)];
    }
    const latest = answer.body.items;
    return [
        table('The latest ' + latest.length + ' of ' + number(answer.body.total) + ' decisions, newest first',
            ['Decided at', 'Type', 'Decision', 'Reason', 'Post IDs', 'Request', 'Actor'],
            latest.map(row => [instant(row.decidedAt), row.decisionType, row.decision, row.reason ?? '',
                number(row.postIds), row.requestId ?? row.reservationId ?? '', row.actor]),
            {id: 'recent-decisions', empty: 'No decisions yet.'}),
        h('p', {}, h('a', {href: '/console/decisions.html?recipientId=' + encodeURIComponent(id)},
            'All its decisions, with filters and CSV'))];
}

page('Recipient', async (main, me) => {
    const [recipient, quota] = await Promise.all([api(path`/api/v1/recipients/${id}`),
        api(path`/api/v1/recipients/${id}/quota`)]);
    if (!recipient.ok) {
        main.append(h('p', {class: 'message error', role: 'alert', id: 'refusal'}, problemText(recipient)));
        return;
    }
    const officer = has(me, ROLE.COMPLIANCE_OFFICER);
    const reload = () => location.reload();
    const now = Date.parse(quota.body.asOf);
    main.querySelector('h1').textContent = recipient.body.name + ' (' + recipient.body.recipientId + ')';
    document.title = recipient.body.name + ' · Quota Ledger';
    main.append(h('p', {}, recipient.body.kind, ', registered ', instant(recipient.body.registeredAt)));
    main.append(section('quota', 'Quota now', ...quotaNow(quota.body)));

    const until = new Date(now + 30 * DAY).toISOString();
    const [series, releases] = await Promise.all([api(path`/api/v1/recipients/${id}/usage-series`),
        api(path`/api/v1/recipients/${id}/releases` + '?until=' + encodeURIComponent(until))]);
    main.append(h('div', {class: 'grid'},
        section('usage', 'Post IDs in the window, last 90 days',
            ...(series.ok ? usageChart(series.body) : [refused(series)])),
        section('capacity', 'When capacity comes back, next 30 days',
            ...(releases.ok ? releasesChart(releases.body) : [refused(releases)]))));
    main.append(section('plan', 'Plan an export', h('p', {}, 'The earliest instant a share of these IDs would be '
        + 'granted, as things stand: the same answer as a share\'s retryAt.'), planner()));

    const schema = officer ? await schemas() : {};
    main.append(section('exemptions', 'Exemptions', ...exemptionRows(quota.body, officer, reload),
        officer ? grantForms(schema, reload) : null));
    const inForce = officer ? (await api('/api/v1/terms/versions')).body?.versions ?? [] : [];
    main.append(section('terms', 'Terms', ...terms(recipient.body, inForce, schema.TermsDocument?.enum ?? [], officer,
        reload)));
    main.append(section('persons', 'Persons', recipient.body.persons.length === 0 ? h('p', {}, 'No persons.')
        : h('ul', {id: 'persons-list'}, recipient.body.persons.map(person => h('li', {}, h('a', {
            href: '/console/person.html?id=' + encodeURIComponent(person)}, person))))));
    main.append(section('decisions', 'Decisions', ...(has(me, ROLE.AUDITOR) ? await decisions()
        : [h('p', {class: 'message note'}, 'The decision log is for auditors.')])));
});
