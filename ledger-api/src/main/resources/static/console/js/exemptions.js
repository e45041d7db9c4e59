import {api, h, instant, number, page, refused, section, table} from './console.js';

page('Exemptions', async main => {
    const answer = await api('/api/v1/reports/exemptions');
    if (!answer.ok) {
        main.append(refused(answer));
        return;
    }
    const register = answer.body.exemptions;
    const validity = entry => instant(entry.validFrom) + ' to ' + instant(entry.validUntil);
    const link = id => h('a', {href: '/console/recipient.html?id=' + encodeURIComponent(id)}, id);
    const revoked = entry => entry.revokedAt ? instant(entry.revokedAt) + ' by ' + entry.revokedBy : '';
    const recorded = entry => entry.recordedBy + ', ' + instant(entry.grantedAt);
    const of = kind => register.filter(entry => entry.kind === kind);
    main.append(
        section('academic', 'Academic approvals', table('Academic approvals X gave in writing',
            ['Recipient', 'ID', 'Institution', 'Purpose', 'Post IDs used of approved', 'User IDs used of approved',
                'Validity', 'Revoked', 'Reference', 'Granted by', 'Recorded by'],
            of('ACADEMIC_APPROVAL').map(entry => [link(entry.recipientId), entry.exemptionId, entry.institution,
                entry.purpose, number(entry.usedPostIds) + ' of ' + number(entry.approvedPostIds),
                number(entry.usedUserIds) + ' of ' + number(entry.approvedUserIds), validity(entry), revoked(entry),
                entry.reference, entry.grantedBy, recorded(entry)]),
            {id: 'academic-register', empty: 'No academic approvals.'})),
        section('dsa', 'Access under Art. 40 of the EU DSA', table('DSA accesses',
            ['Recipient', 'ID', 'Post IDs shared', 'Validity', 'Revoked', 'Reference', 'Granted by', 'Recorded by'],
            of('DSA_ARTICLE_40').map(entry => [link(entry.recipientId), entry.exemptionId,
                number(entry.usedPostIds), validity(entry), revoked(entry), entry.reference, entry.grantedBy,
                recorded(entry)]),
            {id: 'dsa-register', empty: 'No DSA access.'})),
        section('permissions', 'Limit permissions', table('Limits above the policy\'s, permitted by X in writing',
            ['Recipient', 'ID', 'Post ID limit', 'Post IDs shared under it', 'Validity', 'Revoked', 'Reference',
                'Granted by', 'Recorded by'],
            of('LIMIT_PERMISSION').map(entry => [link(entry.recipientId), entry.exemptionId,
                number(entry.postIdLimit), number(entry.usedPostIds), validity(entry), revoked(entry),
                entry.reference, entry.grantedBy, recorded(entry)]),
            {id: 'permission-register', empty: 'No limit permissions.'})),
        h('p', {class: 'fresh'}, 'As projected up to ', instant(answer.body.projectedUpTo?.eventTime), '.'));
});
