import {api, asInstant, fields, h, instant, number, page, problemText, refused, schemas, section, table, tell}
    from './console.js';

const PAGE_SIZE = 50;
const DECISIONS = ['GRANTED', 'DENIED', 'RESERVED', 'CONFIRMED', 'VOIDED', 'EXPIRED'];
const FILTERS = ['recipientId', 'personId', 'decision', 'reason', 'from', 'to'];
const ORDERS = ['newest', 'oldest'];

/** The filters in the page's address, so that a filtered log can be bookmarked and sent on. */
function filtersInAddress() {
    const query = new URLSearchParams(location.search);
    const filters = Object.fromEntries(FILTERS.map(name => [name, query.get(name) ?? '']));
    filters.order = ORDERS.includes(query.get('order')) ? query.get('order') : ORDERS[0];
    return filters;
}

function apiQuery(filters) {
    const query = new URLSearchParams();
    for (const name of FILTERS) {
        const value = name === 'from' || name === 'to' ? asInstant(filters[name]) : filters[name].trim();
        if (value) {
            query.set(name, value);
        }
    }
    return query;
}

function filterForm(filters, reasons) {
    const element = h('form', {id: 'filters', class: 'action', method: 'get', action: '/console/decisions.html',
            'aria-label': 'Filter the decision log'},
        fields([
            {name: 'recipientId', label: 'Recipient ID', value: filters.recipientId, required: false},
            {name: 'personId', label: 'Person ID', value: filters.personId, required: false},
            {name: 'decision', label: 'Decision', options: ['', ...DECISIONS], value: filters.decision,
                required: false},
            {name: 'reason', label: 'Reason', options: ['', ...reasons], value: filters.reason, required: false},
            {name: 'from', label: 'From (inclusive)', value: filters.from, required: false, instant: true},
            {name: 'to', label: 'To (exclusive)', value: filters.to, required: false, instant: true},
            {name: 'order', label: 'Order', options: ORDERS, value: filters.order}]),
        h('div', {}, h('button', {type: 'submit'}, 'Filter'), ' ',
            h('a', {href: '/console/decisions.html'}, 'Clear')));
    return element;
}

function rows(items) {
    return items.map(row => [instant(row.decidedAt), row.decisionType, row.decision, row.reason ?? '',
        row.recipientId ?? '', row.personId ?? '', number(row.postIds), number(row.userIds),
        number(row.directMessageIds), number(row.postObjects + row.userObjects), row.basis ?? '',
        row.requestId ?? '', row.reservationId ?? '', row.actor ?? '']);
}

const HEADERS = ['Decided at', 'Type', 'Decision', 'Reason', 'Recipient', 'Person', 'Post IDs', 'User IDs', 'DM IDs',
    'Objects', 'Basis', 'Request', 'Reservation', 'Actor'];

/** The CSV of exactly the filtered rows, as the API streams it, saved as a file. */
async function download(query, status) {
    const answer = await api('/api/v1/audit/decisions?' + query, {accept: 'text/csv'});
    if (!answer.ok) {
        tell(status, problemText(answer), {error: true});
        return;
    }
    const link = h('a', {href: URL.createObjectURL(new Blob([answer.body], {type: 'text/csv'})),
        download: 'decisions.csv'});
    document.body.append(link);
    link.click();
    link.remove();
    tell(status, 'decisions.csv saved.');
}

page('Decision log', async main => {
    const filters = filtersInAddress();
    const reasons = (await schemas()).DenialReason?.enum ?? [];
    const query = apiQuery(filters);
    const results = h('div', {id: 'results', 'aria-live': 'polite'});
    const status = h('div', {'aria-live': 'polite'});
    const csv = h('button', {type: 'button', id: 'download-csv', class: 'secondary'}, 'Download CSV');
    csv.addEventListener('click', () => download(query, status));
    main.append(section('filter', 'Filters', filterForm(filters, reasons)),
        section('log', 'Decisions', h('p', {}, csv), status, results));

    const cursors = [];
    const show = async after => {
        const pageQuery = new URLSearchParams(query);
        pageQuery.set('order', filters.order);
        pageQuery.set('size', PAGE_SIZE);
        pageQuery.set('count', 'true');
        if (after) {
            pageQuery.set('after', after);
        }
        const answer = await api('/api/v1/audit/decisions?' + pageQuery);
        if (!answer.ok) {
            results.replaceChildren(refused(answer));
            return;
        }
        const first = cursors.length * PAGE_SIZE;
        const pager = h('div', {class: 'pager'});
        if (cursors.length > 0) {
            const back = h('button', {type: 'button', class: 'secondary', id: 'previous-page'}, 'Previous page');
            back.addEventListener('click', () => {
                cursors.pop();
                show(cursors[cursors.length - 1]);
            });
            pager.append(back);
        }
        if (answer.body.next) {
            const next = h('button', {type: 'button', class: 'secondary', id: 'next-page'}, 'Next page');
            next.addEventListener('click', () => {
                cursors.push(answer.body.next);
                show(answer.body.next);
            });
            pager.append(next);
        }
        results.replaceChildren(
            h('p', {id: 'total'}, number(answer.body.total) + (answer.body.total === 1 ? ' decision matches; '
                : ' decisions match; ')
                + (answer.body.items.length ? 'showing ' + (first + 1) + ' to ' + (first + answer.body.items.length)
                    + ', ' + filters.order + ' first.' : 'none to show.')),
            table('Decisions matching the filters, ' + filters.order + ' first', HEADERS, rows(answer.body.items),
                {id: 'decision-rows', empty: 'No decision matches.'}),
            pager);
    };
    await show(null);
});
